// Failures of the proxy itself, told apart from failures behind it: the
// network-error module names them ("reaching the proxy"), and the CONNECT
// refusal gets a code of its own.

export class ProxyTunnelError extends Error {
  /** Set when the proxy itself said no; when it could not be reached, the cause's code (ECONNREFUSED...) tells more. */
  readonly code: string | undefined;
  constructor(
    message: string,
    readonly proxyStatus?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ProxyTunnelError';
    this.code = options?.cause === undefined ? 'ERR_PROXY_TUNNEL' : undefined;
  }
}

export class ProxySettingError extends Error {
  readonly code = 'ERR_PROXY_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ProxySettingError';
  }
}

/** The proxy as it may appear in a message: scheme, host and port, never its credentials. */
export function proxyLabel(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}
