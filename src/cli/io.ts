import { english, type Translate } from '../core/l10n';

/** What a CLI command may touch, passed in so tests can run commands in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** stdout is a terminal: colour is allowed there (unless NO_COLOR is set), never in a pipe or a file. */
  isTTY?: boolean;
  /** --locale as given; absent: the environment's LC_ALL, LC_MESSAGES or LANG decides. */
  locale?: string;
}

/** A reason in the user's language: the CLI's translator is known only where the error is printed. */
export type UsageReason = string | ((t: Translate) => string);

/** Bad input: a one-line reason on stderr and exit code 2. `message` is the English one. */
export class UsageError extends Error {
  private readonly reason: UsageReason;

  constructor(reason: UsageReason) {
    super(typeof reason === 'string' ? reason : reason(english));
    this.name = 'UsageError';
    this.reason = reason;
  }

  /** The reason in the run's language. */
  localized(t: Translate): string {
    return typeof this.reason === 'string' ? this.reason : this.reason(t);
  }
}

export const EXIT_OK = 0;
export const EXIT_UNHEALTHY = 1;
export const EXIT_USAGE = 2;
