// A loopback HTTP server in front of another (the simulator, usually) that
// passes each exchange through untouched and notes what crossed it: the
// request's head and a hash of its body as it arrived, the answer's head and
// a hash of the body bytes it sent. A test compares these with what its
// client sent and received through the tap: same hashes, same bytes.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import { keepSockets, listenOnLoopback } from './listen';

export interface RecordedExchange {
  method: string;
  url: string;
  rawHeaders: string[];
  requestBodySha256: string;
  requestBodyBytes: number;
  status: number;
  responseHeaders: http.IncomingHttpHeaders;
  responseBodySha256: string;
  responseBodyBytes: number;
  /** The client of this front (the tap) went away before the answer ended. */
  clientClosedEarly: boolean;
}

export interface RecordingFront {
  url: string;
  exchanges: RecordedExchange[];
  close(): Promise<void>;
}

export async function startRecordingFront(targetUrl: string): Promise<RecordingFront> {
  const target = new URL(targetUrl);
  if (target.hostname !== '127.0.0.1') throw new Error('tests forward to 127.0.0.1 only');
  const exchanges: RecordedExchange[] = [];
  const server = http.createServer((req, res) => {
    const requestHash = createHash('sha256');
    let requestBytes = 0;
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
      const responseHash = createHash('sha256');
      let responseBytes = 0;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on('data', (chunk: Buffer) => {
        responseHash.update(chunk);
        responseBytes += chunk.length;
        res.write(chunk);
      });
      const done = (early: boolean) => {
        exchanges.push({
          method: req.method ?? '',
          url: req.url ?? '',
          rawHeaders: req.rawHeaders,
          requestBodySha256: requestHash.digest('hex'),
          requestBodyBytes: requestBytes,
          status: answer.statusCode ?? 0,
          responseHeaders: answer.headers,
          responseBodySha256: responseHash.digest('hex'),
          responseBodyBytes: responseBytes,
          clientClosedEarly: early,
        });
      };
      answer.on('end', () => {
        res.end();
        done(false);
      });
      answer.on('error', () => res.destroy());
      res.on('close', () => {
        if (!res.writableFinished) {
          upstream.destroy();
          done(true);
        }
      });
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.on('data', (chunk: Buffer) => {
      requestHash.update(chunk);
      requestBytes += chunk.length;
      upstream.write(chunk);
    });
    req.on('end', () => upstream.end());
  });
  const sockets = keepSockets(server);
  const port = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${port}`, exchanges, close: sockets.close };
}
