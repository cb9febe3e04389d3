// Entry point of dist/undici.js: undici bundled alone, loaded at the first request (src/core/net/node-fetch.ts).
export * from 'undici';
