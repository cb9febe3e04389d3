// Entry point of dist/anthropic-sdk.js: the SDK bundled alone, loaded on first use.
export * from '@anthropic-ai/sdk';
export { default } from '@anthropic-ai/sdk';
