// A real OAuth 2.0 / OpenID Connect authorization server (oidc-provider) for the tests,
// run in its own Node process because oidc-provider and its dependencies are ES modules
// that Jest's CommonJS runtime cannot load. test/oauth-server.ts starts and controls it
// over the IPC channel.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const options = JSON.parse(process.env.OAUTH_TEST_SERVER_OPTIONS ?? '{}');

/** Test switches that change what the token endpoint returns. */
const behaviour = {
  /** Drop `refresh_token` from refresh responses, as many providers do. */
  omitRefreshTokenOnRefresh: false,
  /** Drop `expires_in` from every token response. */
  omitExpiresIn: false,
  /** When set, the token endpoint answers with this HTTP status and a server_error body. */
  tokenEndpointFailureStatus: null,
  /** Milliseconds the token endpoint waits before answering, to widen race windows. */
  tokenDelayMs: 0,
};

const stats = {
  tokenRequests: { authorization_code: 0, refresh_token: 0, other: 0 },
  revocationRequests: 0,
  userinfoRequests: 0,
  /** Authorization requests with their PKCE parameters, for tests that check them. */
  authorizationRequests: [],
};

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'test-key' };

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      redirect_uris: options.redirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  scopes: [
    'openid',
    'offline_access',
    'email',
    'profile',
    'https://www.googleapis.com/auth/gmail.modify',
    'https://www.googleapis.com/auth/calendar',
    ...(options.extraScopes ?? []),
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  // Put the email claim into the ID token, as Google does, instead of only into userinfo.
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
    revocation: { enabled: true },
    userinfo: { enabled: true },
  },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  ttl: {
    AccessToken: options.accessTokenTtlSeconds ?? 3600,
    AuthorizationCode: 600,
    IdToken: 3600,
    RefreshToken: 14 * 24 * 3600,
    Grant: 14 * 24 * 3600,
    Interaction: 3600,
    Session: 14 * 24 * 3600,
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: async (_ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, email: sub, email_verified: true }),
  }),
});

// Counts requests and applies the behaviour switches around oidc-provider's own handlers.
provider.use(async (ctx, next) => {
  if (ctx.path === '/auth' && ctx.method === 'GET') {
    stats.authorizationRequests.push({
      codeChallenge: ctx.query.code_challenge ?? null,
      codeChallengeMethod: ctx.query.code_challenge_method ?? null,
      scope: ctx.query.scope ?? null,
    });
  }
  if (ctx.path === '/token/revocation') stats.revocationRequests += 1;
  if (ctx.path === '/me') stats.userinfoRequests += 1;
  if (ctx.path !== '/token' || ctx.method !== 'POST') return next();

  await next();
  const grantType = ctx.oidc?.params?.grant_type;
  const counter = grantType in stats.tokenRequests ? grantType : 'other';
  stats.tokenRequests[counter] += 1;
  if (behaviour.tokenDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, behaviour.tokenDelayMs));
  if (behaviour.tokenEndpointFailureStatus !== null) {
    ctx.status = behaviour.tokenEndpointFailureStatus;
    ctx.body = { error: 'server_error', error_description: 'token endpoint failure requested by the test' };
    return;
  }
  if (ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
    if (behaviour.omitExpiresIn) delete ctx.body.expires_in;
    if (behaviour.omitRefreshTokenOnRefresh && grantType === 'refresh_token') delete ctx.body.refresh_token;
  }
});

async function readForm(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * The login and consent steps. GET returns the pending prompt as JSON; POST `login`
 * signs in the account named by `email`, `confirm` grants every requested scope and
 * `abort` denies, each redirecting back to the authorization endpoint.
 */
async function handleInteraction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return sendJson(res, 400, { error: 'interaction mismatch' });
  if (req.method === 'GET' && !action) {
    return sendJson(res, 200, { uid, prompt: details.prompt.name, scope: details.params.scope ?? null });
  }
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });

  if (action === 'login') {
    const form = await readForm(req);
    const email = form.get('email') || 'user@example.com';
    return provider.interactionFinished(req, res, { login: { accountId: email } }, { mergeWithLastSubmission: false });
  }
  if (action === 'confirm') {
    const { prompt, params, session, grantId } = details;
    const grant = grantId
      ? await provider.Grant.find(grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const savedGrantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId: savedGrantId } }, { mergeWithLastSubmission: true });
  }
  if (action === 'abort') {
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The user denied access.' },
      { mergeWithLastSubmission: false },
    );
  }
  return sendJson(res, 404, { error: 'unknown interaction action' });
}

const oidcCallback = provider.callback();
server.on('request', (req, res) => {
  const match = /^\/interaction\/([^/?]+)(?:\/(login|confirm|abort))?(?:\?.*)?$/.exec(req.url ?? '');
  if (!match) return oidcCallback(req, res);
  handleInteraction(req, res, match[1], match[2]).catch((error) => {
    sendJson(res, 500, { error: 'interaction failed', message: String(error?.message ?? error) });
  });
});

process.on('message', (message) => {
  const { id, type, payload } = message;
  if (type === 'stats') return process.send({ id, result: stats });
  if (type === 'configure') {
    Object.assign(behaviour, payload);
    return process.send({ id, result: behaviour });
  }
  if (type === 'resetStats') {
    stats.tokenRequests = { authorization_code: 0, refresh_token: 0, other: 0 };
    stats.revocationRequests = 0;
    stats.userinfoRequests = 0;
    stats.authorizationRequests = [];
    return process.send({ id, result: stats });
  }
  return process.send({ id, error: `unknown message type ${type}` });
});
process.on('disconnect', () => process.exit(0));

process.send({ type: 'ready', issuer });
