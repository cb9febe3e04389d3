// Where Claude Code keeps its transcripts: `<config>/projects/<slug>/<session>.jsonl`
// and `<config>/projects/<slug>/<session>/subagents/*.jsonl`, where `<config>`
// is `$CLAUDE_CONFIG_DIR` (a comma-separated list is allowed), else
// `~/.claude` and `~/.config/claude` (newer installs).
import * as path from 'node:path';

export const CLAUDE_CONFIG_VARIABLE = 'CLAUDE_CONFIG_DIR';
const MAX_DIRS = 16;

/** The config folders to read, absolute and without duplicates. `overrides` (the setting) wins over the environment. */
export function claudeConfigDirs(env: Readonly<Record<string, string | undefined>>, homedir: string, overrides: readonly string[] = []): string[] {
  const fromEnv = (env[CLAUDE_CONFIG_VARIABLE] ?? '').split(',');
  const chosen = overrides.length > 0 ? overrides : fromEnv.some((dir) => dir.trim() !== '') ? fromEnv : [path.join(homedir, '.claude'), path.join(homedir, '.config', 'claude')];
  const dirs: string[] = [];
  for (const raw of chosen) {
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const expanded = trimmed === '~' || trimmed.startsWith('~/') ? path.join(homedir, trimmed.slice(1)) : trimmed;
    const absolute = path.resolve(expanded);
    if (!dirs.includes(absolute)) dirs.push(absolute);
  }
  return dirs.slice(0, MAX_DIRS);
}
