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

/** Bad input: a one-line reason on stderr and exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_UNHEALTHY = 1;
export const EXIT_USAGE = 2;
