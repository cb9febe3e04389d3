// Loaded by mocha before every suite (.mocharc.json): every property test runs
// from the shared seed (FUZZ_SEED, fixed by default), including those that call
// fast-check directly, so a run that passes here passes in CI.
import fc from 'fast-check';
import { FUZZ_SEED } from './fuzz';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FUZZ_SEED });
