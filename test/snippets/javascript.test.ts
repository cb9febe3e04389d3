// JavaScript retry wrappers: rendered as plain ES modules, checked with tsc --checkJs against
// @anthropic-ai/sdk's types, and run as rendered against the simulator. The cases live in
// node/wrapper-suite.ts, shared with TypeScript.
import { describeNodeWrappers } from './node/wrapper-suite';

describeNodeWrappers('javascript');
