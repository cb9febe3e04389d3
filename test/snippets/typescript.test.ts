// TypeScript retry wrappers: rendered, compiled with tsc --strict against @anthropic-ai/sdk,
// and run against the simulator. The cases live in node/wrapper-suite.ts, shared with JavaScript.
import { describeNodeWrappers } from './node/wrapper-suite';

describeNodeWrappers('typescript');
