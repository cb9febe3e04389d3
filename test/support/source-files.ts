// Every TypeScript file under a folder, for tests that read the sources themselves.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}
