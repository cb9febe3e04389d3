// The Go retry wrappers, every variant, built with the official SDK from the Go module
// proxy (version pinned in test/snippets/go/go.mod.tmpl), checked by go vet and gofmt, and
// run against the simulator. Each variant becomes its own package of one module, keeping
// the snippet's `package clauderetry` clause exactly as a user gets it.
import { GO_LANGUAGE } from './go/go-language';
import { describeCompiledWrappers } from './support/compiled-wrapper-suite';

describeCompiledWrappers(GO_LANGUAGE);
