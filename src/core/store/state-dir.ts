// Where the shared store lives: one folder per user that every VS Code window,
// the CLI and the tap agree on without talking to each other.
import * as path from 'node:path';

export const STATE_DIR_VARIABLE = 'CLAUDE_HEALTH_STATE_DIR';
const APP_FOLDER = 'claude-health';

/**
 * `$CLAUDE_HEALTH_STATE_DIR` when set, else the OS's per-user state folder:
 * `$XDG_STATE_HOME/claude-health` (default `~/.local/state/claude-health`) on
 * Linux and other Unixes, `~/Library/Application Support/claude-health` on
 * macOS, `%LOCALAPPDATA%\claude-health` on Windows.
 */
export function resolveStateDir(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, homedir: string): string {
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const explicit = env[STATE_DIR_VARIABLE]?.trim();
  if (explicit) return pathApi.resolve(explicit);
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA?.trim();
    return pathApi.join(local && pathApi.isAbsolute(local) ? local : pathApi.join(homedir, 'AppData', 'Local'), APP_FOLDER);
  }
  if (platform === 'darwin') return pathApi.join(homedir, 'Library', 'Application Support', APP_FOLDER);
  const xdg = env.XDG_STATE_HOME?.trim();
  // The XDG spec says a relative value is invalid and must be ignored.
  return pathApi.join(xdg && pathApi.isAbsolute(xdg) ? xdg : pathApi.join(homedir, '.local', 'state'), APP_FOLDER);
}

/** The folder of observation files inside the state folder. */
export function observationsDir(stateDir: string): string {
  return path.join(stateDir, 'observations');
}
