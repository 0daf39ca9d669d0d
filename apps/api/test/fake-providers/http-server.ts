import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** An injected failure: the next matching request gets this response instead. */
export interface InjectedFailure {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A node:http server on 127.0.0.1 that checks the bearer token, counts requests, records
 * the time its handler spent, and can fail the next requests on demand.
 */
export class FakeHttpServer {
  readonly requests: { method: string; path: string }[] = [];
  /** Milliseconds spent inside handlers, to separate the server's own time in benchmarks. */
  handlerMs = 0;
  accessToken: string;
  private readonly failures: InjectedFailure[] = [];
  private server: http.Server | null = null;
  url = '';

  constructor(
    accessToken: string,
    private readonly handle: (request: FakeRequest) => FakeResponse | Promise<FakeResponse>,
  ) {
    this.accessToken = accessToken;
  }

  failNext(failure: InjectedFailure): void {
    this.failures.push(failure);
  }

  resetCounts(): void {
    this.requests.length = 0;
    this.handlerMs = 0;
  }

  async start(): Promise<this> {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void this.respond(request, Buffer.concat(chunks), response);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async respond(request: http.IncomingMessage, body: Buffer, response: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    this.requests.push({ method: request.method ?? 'GET', path: url.pathname });
    let result: FakeResponse;
    if (request.headers.authorization !== `Bearer ${this.accessToken}`) {
      result = { status: 401, body: JSON.stringify({ error: { code: 401, message: 'Invalid Credentials' } }) };
    } else if (this.failures.length > 0) {
      const failure = this.failures.shift() as InjectedFailure;
      result = { status: failure.status, headers: failure.headers, body: failure.body ?? JSON.stringify({ error: { code: failure.status } }) };
    } else {
      try {
        result = await this.handle({ method: request.method ?? 'GET', url, headers: request.headers, body });
      } catch (error) {
        result = { status: 500, body: JSON.stringify({ error: { code: 500, message: String(error) } }) };
      }
    }
    this.handlerMs += performance.now() - started;
    response.writeHead(result.status, { 'content-type': 'application/json; charset=UTF-8', ...result.headers });
    response.end(result.body ?? '');
  }
}

export const json = (value: unknown, status = 200): FakeResponse => ({ status, body: JSON.stringify(value) });
export const notFoundResponse = (): FakeResponse => json({ error: { code: 404, message: 'Requested entity was not found.' } }, 404);
