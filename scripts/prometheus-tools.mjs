#!/usr/bin/env node
// Installs what the Prometheus layer needs: Debian's prometheus package, which
// brings promtool. The layer checks the shipped rules with promtool and runs a
// real Prometheus on 127.0.0.1 against `claude-health watch`. Root installs it
// (CI, these machines); anyone else is told the command, loudly.
//
// Usage: node scripts/prometheus-tools.mjs      (prints where the tools are)
//        import { ensurePrometheusTools } from './prometheus-tools.mjs'
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAptPackages, ToolInstallError } from './apt-packages.mjs';

export const prometheusPaths = { prometheus: '/usr/bin/prometheus', promtool: '/usr/bin/promtool' };

function log(message) {
  console.log(`[prometheus-tools] ${message}`);
}

export function ensurePrometheusTools() {
  const missingBinary = !existsSync(prometheusPaths.prometheus) || !existsSync(prometheusPaths.promtool);
  // Debian starts no service inside a container (policy-rc.d denies it), and the layer starts its own.
  ensureAptPackages(['prometheus'], { log, force: missingBinary ? ['prometheus'] : [] });
  for (const binary of Object.values(prometheusPaths)) {
    if (!existsSync(binary)) throw new ToolInstallError(`apt-get installed prometheus but ${binary} is not there`);
  }
  return prometheusPaths;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const paths = ensurePrometheusTools();
    log(`prometheus: ${paths.prometheus}`);
    log(`promtool: ${paths.promtool}`);
  } catch (error) {
    console.error(`[prometheus-tools] FAILED: ${error instanceof ToolInstallError ? error.message : error.stack}`);
    process.exit(1);
  }
}
