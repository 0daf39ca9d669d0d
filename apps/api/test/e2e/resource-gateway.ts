import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeHttpServer } from '../fake-providers/http-server';

/**
 * A resource server in front of a format server (Gmail, Google Calendar, Microsoft Graph),
 * so that the end-to-end test runs with the access tokens the real authorization server
 * issued. The format servers accept one fixed token. The gateway accepts a bearer token only
 * when the authorization server's userinfo endpoint accepts it, then forwards the request
 * unchanged except for that header.
 */
export class ResourceGateway {
  /** Tokens that userinfo accepted, so each is checked once. */
  private readonly validTokens = new Set<string>();
  private server: http.Server | null = null;
  /** Requests rejected with 401 because userinfo rejected their token. */
  rejectedRequests = 0;
  url = '';

  constructor(
    private readonly userinfoUrl: string,
    private readonly target: FakeHttpServer,
  ) {}

  /** Distinct provider access tokens that reached the format server. */
  get acceptedTokenCount(): number {
    return this.validTokens.size;
  }

  async start(): Promise<this> {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.forward(request, Buffer.concat(chunks), response).catch((error: unknown) => {
          response.writeHead(502, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: { code: 502, message: `Gateway failed: ${String(error)}` } }));
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async accepts(authorization: string | undefined): Promise<boolean> {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) return false;
    if (this.validTokens.has(token)) return true;
    const userinfo = await fetch(this.userinfoUrl, { headers: { authorization: `Bearer ${token}` } });
    await userinfo.arrayBuffer();
    if (userinfo.status !== 200) return false;
    this.validTokens.add(token);
    return true;
  }

  private async forward(request: http.IncomingMessage, body: Buffer, response: http.ServerResponse): Promise<void> {
    if (!(await this.accepts(request.headers.authorization))) {
      this.rejectedRequests += 1;
      response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="invalid_token"' });
      response.end(JSON.stringify({ error: { code: 401, message: 'Invalid Credentials' } }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || ['host', 'connection', 'content-length', 'authorization'].includes(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    headers.authorization = `Bearer ${this.target.accessToken}`;
    const method = request.method ?? 'GET';
    const upstream = await fetch(`${this.target.url}${request.url ?? '/'}`, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
    });
    const content = Buffer.from(await upstream.arrayBuffer());
    const responseHeaders: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) responseHeaders[name] = value;
    });
    response.writeHead(upstream.status, responseHeaders);
    response.end(content);
  }
}
