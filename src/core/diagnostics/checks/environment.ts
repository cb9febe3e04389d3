// Where the checks ran. In a remote window (SSH, WSL, a container) the
// extension host, and so every network check, runs on the remote side, not on
// the machine in front of the user: the report has to say so.
import { english, type Translate } from '../../l10n';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import type { CheckDefinition } from '../check';
import type { CheckOutcome, DiagnosticsInput } from '../types';

const REMOTE_NAMES: Record<string, string> = {
  'ssh-remote': 'Remote - SSH',
  wsl: 'WSL',
  'dev-container': 'Dev Container',
  'attached-container': 'attached container',
  codespaces: 'GitHub Codespaces',
  tunnel: 'Remote Tunnel',
  'k8s-container': 'Kubernetes container',
};

export interface Where {
  /** VS Code's remote name, or what the environment shows from the CLI. */
  kind: string | undefined;
  label: string;
}

export function whereChecksRan(input: DiagnosticsInput, release: string = os.release(), dockerEnv: boolean = existsSync('/.dockerenv'), t: Translate = english): Where {
  if (input.remoteName) {
    const label = REMOTE_NAMES[input.remoteName] ?? input.remoteName;
    return { kind: input.remoteName, label: t`on the remote side of a ${label} window, not on the local machine` };
  }
  const env = input.env;
  if (env.CODESPACES === 'true') return { kind: 'codespaces', label: t`in a GitHub Codespace` };
  if (env.REMOTE_CONTAINERS === 'true' || dockerEnv) return { kind: 'container', label: t`in a container` };
  if (process.platform === 'linux' && /microsoft/i.test(release)) return { kind: 'wsl', label: t`in WSL (Linux inside Windows: its network and DNS can differ from Windows')` };
  if (env.SSH_CONNECTION) return { kind: 'ssh', label: t`on a machine reached over SSH` };
  return { kind: undefined, label: t`on this machine` };
}

export const environmentCheck: CheckDefinition = {
  id: 'environment',
  title: (t) => t`Environment`,
  needs: [],
  timeoutMs: 2000,
  run: (context): Promise<CheckOutcome> => {
    const { input, t } = context;
    const where = whereChecksRan(input, os.release(), existsSync('/.dockerenv'), t);
    const system = `${os.type()} ${os.release()} ${os.arch()}`;
    const editor = input.vscodeVersion ? t`VS Code ${input.vscodeVersion}${input.appHost ? ` (${input.appHost})` : ''}` : t`CLI (no VS Code)`;
    const notes = [
      t`OS: ${system}.`,
      `Node: ${process.version}.`,
      t`Editor: ${editor}.`,
      t`Remote: ${where.kind ?? t`none`}; the checks ran ${where.label}.`,
    ];
    return Promise.resolve({
      status: 'pass',
      detail: t`ran ${where.label}: ${system}, Node ${process.version}, ${editor}`,
      notes,
      data: {
        os: os.type(),
        release: os.release(),
        arch: os.arch(),
        platform: process.platform,
        node: process.version,
        vscode: input.vscodeVersion ?? null,
        appHost: input.appHost ?? null,
        remote: where.kind ?? null,
      },
    });
  },
  timedOut: (_ms, { t }) => ({ status: 'warn', detail: t`reading the environment did not finish`, hint: t`Run the diagnostics again.` }),
};
