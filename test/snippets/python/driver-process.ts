// The Python driver's results, and how it is started (a LineDriver: one JSON line in, one out).
import { LineDriver } from '../support/line-driver';

/** What the driver prints for a failed call (see describe_error in driver.py). */
export interface DriverError {
  type: string;
  message: string;
  status?: number;
  errorType?: string;
  reason?: string;
  lastError?: DriverError;
}

/** One on_retry callback: the attempt that failed, the wait chosen, and what failed. */
export interface RetryCall {
  attempt: number;
  delay: number;
  status: number | null;
  requestId: string | null;
}

export interface CallResult {
  case: string;
  outcome: 'ok' | 'error' | 'driver_error';
  model?: string | null;
  text?: string;
  fellBack?: boolean;
  eventTypes?: string[];
  error?: DriverError;
  elapsedMs: number;
  retries: RetryCall[];
}

export interface BreakerResult {
  case: string;
  trip: CallResult;
  stateAfterTrip: string;
  callers: CallResult[];
  stateAfter: string;
}

export interface CancelResult {
  case: string;
  outcome: 'ok' | 'cancelled' | 'driver_error';
  cancelMs: number;
  retries: RetryCall[];
}

/** Starts driver.py under `python`; `env` is the whole environment of the child. */
export function startPythonDriver(python: string, driverFile: string, cwd: string, env: NodeJS.ProcessEnv): LineDriver {
  // Deprecation notices about model names are not what these tests look at.
  return LineDriver.start(python, ['-W', 'ignore::DeprecationWarning', driverFile], cwd, env);
}
