import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Switches that change what the test server's token endpoint returns. */
export interface OAuthServerBehaviour {
  /** Drop `refresh_token` from refresh responses. */
  omitRefreshTokenOnRefresh: boolean;
  /** Drop `expires_in` from every token response. */
  omitExpiresIn: boolean;
  /** When set, the token endpoint answers with this HTTP status and `server_error`. */
  tokenEndpointFailureStatus: number | null;
  /** Milliseconds the token endpoint waits before answering. */
  tokenDelayMs: number;
}

export interface OAuthServerStats {
  /** Token endpoint calls by grant type, counted whatever the outcome. */
  tokenRequests: { authorization_code: number; refresh_token: number; other: number };
  revocationRequests: number;
  userinfoRequests: number;
  authorizationRequests: Array<{ codeChallenge: string | null; codeChallengeMethod: string | null; scope: string | null }>;
}

export interface OAuthTestServer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  authorizationUrl: string;
  tokenUrl: string;
  revocationUrl: string;
  userinfoUrl: string;
  /**
   * Environment variables that point a provider kind's catalog endpoints at this server,
   * for example `providerEnv('GMAIL')`.
   */
  providerEnv(kind: string): Record<string, string>;
  /**
   * Opens `authorizationUrl` like a browser, signs in as `email`, then allows or denies
   * consent, and returns the URL the server redirected to (the client's redirect URI with
   * `code` and `state`, or with `error`). The callback itself is not requested.
   */
  driveConsent(authorizationUrl: string, options?: { email?: string; decision?: 'allow' | 'deny' }): Promise<string>;
  stats(): Promise<OAuthServerStats>;
  resetStats(): Promise<void>;
  configure(behaviour: Partial<OAuthServerBehaviour>): Promise<void>;
  close(): Promise<void>;
}

export interface OAuthServerOptions {
  /** Redirect URIs registered for the client, usually `<WORKAPI_PUBLIC_URL>/oauth/callback`. */
  redirectUris: string[];
  clientId?: string;
  clientSecret?: string;
  accessTokenTtlSeconds?: number;
  /** Scopes the server grants besides openid, offline_access, email, profile, gmail.modify and calendar. */
  extraScopes?: string[];
}

/** A cookie jar for one origin, enough for oidc-provider's interaction and session cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Starts oidc-provider on 127.0.0.1 at a random port in a child process, with one
 * confidential client (client_secret_post), PKCE S256 required, refresh tokens issued and
 * the revocation and userinfo endpoints enabled.
 */
export async function startOAuthServer(options: OAuthServerOptions): Promise<OAuthTestServer> {
  const clientId = options.clientId ?? 'workapi-test-client';
  const clientSecret = options.clientSecret ?? 'test-client-secret-0123456789abcdef';
  const child: ChildProcess = fork(path.join(__dirname, 'oauth-server-process.mjs'), [], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      OAUTH_TEST_SERVER_OPTIONS: JSON.stringify({ ...options, clientId, clientSecret }),
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });

  const issuer = await new Promise<string>((resolve, reject) => {
    const onMessage = (message: { type?: string; issuer?: string }) => {
      if (message.type !== 'ready' || !message.issuer) return;
      child.off('message', onMessage);
      resolve(message.issuer);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`The OAuth test server exited with code ${code}: ${stderr}`)));
  });

  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.result);
  });
  const call = <T>(type: string, payload?: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, type, payload });
    });

  const endpoints = {
    authorizationUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    revocationUrl: `${issuer}/token/revocation`,
    userinfoUrl: `${issuer}/me`,
  };

  async function driveConsent(authorizationUrl: string, consent: { email?: string; decision?: 'allow' | 'deny' } = {}) {
    const jar = new CookieJar();
    const email = consent.email ?? 'user@example.com';
    let url = authorizationUrl;
    let init: RequestInit = {};
    for (let step = 0; step < 20; step++) {
      const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie: jar.header() } });
      jar.store(response);
      await response.arrayBuffer();
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        throw new Error(`Expected a redirect from ${url}, got HTTP ${response.status}`);
      }
      const next = new URL(location, url);
      if (!next.href.startsWith(issuer)) return next.href;
      init = {};
      url = next.href;

      const interaction = /^\/interaction\/([^/]+)$/.exec(next.pathname);
      if (!interaction) continue;
      const detailsResponse = await fetch(next, { headers: { cookie: jar.header() } });
      const details = (await detailsResponse.json()) as { prompt: string };
      let action: string;
      if (consent.decision === 'deny') action = 'abort';
      else action = details.prompt === 'login' ? 'login' : 'confirm';
      url = `${next.href}/${action}`;
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email }).toString(),
      };
    }
    throw new Error('The consent flow did not reach the redirect URI within 20 redirects');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    ...endpoints,
    providerEnv: (kind: string) => ({
      [`WORKAPI_PROVIDER_${kind}_AUTHORIZATION_URL`]: endpoints.authorizationUrl,
      [`WORKAPI_PROVIDER_${kind}_TOKEN_URL`]: endpoints.tokenUrl,
      [`WORKAPI_PROVIDER_${kind}_REVOCATION_URL`]: endpoints.revocationUrl,
      [`WORKAPI_PROVIDER_${kind}_API_BASE_URL`]: issuer,
    }),
    driveConsent,
    stats: () => call<OAuthServerStats>('stats'),
    resetStats: async () => {
      await call('resetStats');
    },
    configure: async (behaviour) => {
      await call('configure', behaviour);
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
