/* eslint-disable @typescript-eslint/no-require-imports -- deep paths into undici's CommonJS files, see below */
// Entry point of dist/undici.js, loaded at the first request (src/core/net/node-fetch.ts):
// the parts of undici the transport uses. Not `export * from 'undici'`: its index
// also loads WebSocket, EventSource, caches and mocks, which doubled the bundle's
// load time (measured: about 45 ms against 22 ms for these parts alone).
import type * as Undici from 'undici';

export const fetch = (require('undici/lib/web/fetch/index.js') as { fetch: typeof Undici.fetch }).fetch;
export const Agent = require('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
export const Client = require('undici/lib/dispatcher/client.js') as typeof Undici.Client;
export const Pool = require('undici/lib/dispatcher/pool.js') as typeof Undici.Pool;
export const ProxyAgent = require('undici/lib/dispatcher/proxy-agent.js') as typeof Undici.ProxyAgent;
export const buildConnector = require('undici/lib/core/connect.js') as typeof Undici.buildConnector;
