// The API key must never leave through a message, a log line or saved state.
// Everything the probe says passes through here; the generic pattern catches
// keys we were not told about (a key echoed back by a misbehaving proxy).

const KEY_SHAPE = /sk-ant-[A-Za-z0-9_-]{6,}/g;

export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  return out.replace(KEY_SHAPE, 'sk-ant-[redacted]');
}
