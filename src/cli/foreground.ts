// Commands that serve until stopped (sim, tap): they run until SIGINT (Ctrl-C)
// or SIGTERM, then stop what they started and exit 0.
import { EXIT_OK, EXIT_UNHEALTHY, type CliIo } from './io';

/** Resolves with the exit code once a stop signal came and `stop` finished. */
export function serveUntilSignal(io: CliIo, stopping: (signal: NodeJS.Signals) => string, stop: () => Promise<void>): Promise<number> {
  return new Promise<number>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      io.stderr(`${stopping(signal)}\n`);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stop().then(
        () => resolve(EXIT_OK),
        () => resolve(EXIT_UNHEALTHY),
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
