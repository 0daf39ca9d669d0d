import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { In, IsNull, LessThan } from 'typeorm';
import { randomToken, sha256Hex } from '../crypto/tokens';
import { setHtmlPageHeaders } from '../http/html-page-headers';
import { sandboxClientId, sandboxClientSecret } from '../providers/provider-catalog';
import type { Services } from '../services';
import { SandboxGrant } from './sandbox-grant.entity';

/** Lifetimes of sandbox grants, in seconds. */
const codeLifetimeSeconds = 60;
const accessTokenLifetimeSeconds = 3600;
const refreshTokenLifetimeSeconds = 90 * 24 * 3600;

interface AuthorizeParams {
  client_id?: string;
  redirect_uri?: string;
  response_type?: string;
  state?: string;
  scope?: string;
  code_challenge?: string;
  code_challenge_method?: string;
  decision?: string;
}

/**
 * Keeps the string fields of a query or body. A repeated query parameter (an array) or a
 * JSON object value is dropped, so the checks below see one string or nothing.
 */
function stringFields(source: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!source || typeof source !== 'object') return fields;
  for (const [name, value] of Object.entries(source)) {
    if (typeof value === 'string') fields[name] = value;
  }
  return fields;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Checks an authorization request; returns the error text to show, or null when it is valid. */
function validateAuthorize(params: AuthorizeParams, callbackUrl: string): string | null {
  if (params.client_id !== sandboxClientId) return `client_id must be "${sandboxClientId}".`;
  if (params.redirect_uri !== callbackUrl) return `redirect_uri must be ${callbackUrl}.`;
  if (params.response_type !== 'code') return 'response_type must be "code".';
  if (!params.state) return 'state is missing.';
  if (!params.code_challenge || !/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge)) return 'code_challenge must be a base64url SHA-256 value (43 characters).';
  if (params.code_challenge_method !== 'S256') return 'code_challenge_method must be "S256".';
  return null;
}

function consentPage(params: AuthorizeParams): string {
  const hidden = (['client_id', 'redirect_uri', 'response_type', 'state', 'scope', 'code_challenge', 'code_challenge_method'] as const)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params[name] ?? '')}">`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Work API sandbox: allow access?</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 4rem auto">
<h1>Connect the sandbox account</h1>
<p>An application asks to read and write the sandbox's mail and calendar (scopes: ${escapeHtml(params.scope ?? '')}).
The sandbox holds synthetic data only.</p>
<form method="post" action="/sandbox/authorize">
${hidden}
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form></body></html>`;
}

function oauthError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply.code(status).header('cache-control', 'no-store').send({ error, error_description: description });
}

/**
 * Registers the SANDBOX provider's OAuth 2.0 authorization server (RFC 6749 with PKCE, RFC 7636):
 * a consent page with Allow and Deny, a token endpoint for the authorization_code and
 * refresh_token grants, and revocation (RFC 7009). Codes are single use and live 60 seconds.
 */
export async function registerSandboxOAuthRoutes(server: FastifyInstance, services: Services): Promise<void> {
  const callbackUrl = `${services.config.publicUrl}/oauth/callback`;
  const grants = () => services.dataSource.getRepository(SandboxGrant);
  // The consent form posts to this server, which redirects to the callback at the public URL.
  const consentPagePolicy = { styleSources: ["'unsafe-inline'"], formActions: ["'self'", new URL(callbackUrl).origin] };

  await server.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    scope.get('/sandbox/authorize', async (request, reply) => {
      const params: AuthorizeParams = stringFields(request.query);
      const problem = validateAuthorize(params, callbackUrl);
      if (problem) return reply.code(400).type('text/plain; charset=utf-8').send(`Invalid authorization request: ${problem}`);
      setHtmlPageHeaders(reply, consentPagePolicy);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(consentPage(params));
    });

    scope.post('/sandbox/authorize', async (request, reply) => {
      const params: AuthorizeParams = stringFields(request.body);
      const problem = validateAuthorize(params, callbackUrl);
      if (problem) return reply.code(400).type('text/plain; charset=utf-8').send(`Invalid authorization request: ${problem}`);
      const target = new URL(callbackUrl);
      target.searchParams.set('state', params.state as string);
      if (params.decision !== 'allow') {
        target.searchParams.set('error', 'access_denied');
        target.searchParams.set('error_description', 'The user denied access to the sandbox.');
        return reply.redirect(target.toString(), 303);
      }
      const code = randomToken();
      await grants().insert({
        tokenHash: sha256Hex(code),
        type: 'code',
        subjectId: randomUUID(),
        scope: params.scope ?? '',
        redirectUri: params.redirect_uri as string,
        codeChallenge: params.code_challenge as string,
        expiresAt: new Date(Date.now() + codeLifetimeSeconds * 1000),
        usedAt: null,
      });
      target.searchParams.set('code', code);
      return reply.redirect(target.toString(), 303);
    });

    scope.post('/sandbox/token', async (request, reply) => {
      const body: Record<string, string | undefined> = stringFields(request.body);
      const basic = /^Basic\s+(.+)$/i.exec(String(request.headers.authorization ?? ''));
      let basicId: string | undefined;
      let basicSecret: string | undefined;
      try {
        [basicId, basicSecret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':').map(decodeURIComponent) : [];
      } catch {
        return oauthError(reply, 401, 'invalid_client', 'The Basic credentials are not valid percent-encoding (RFC 6749, section 2.3.1).');
      }
      const clientId = body.client_id ?? basicId;
      const clientSecret = body.client_secret ?? basicSecret;
      if (clientId !== sandboxClientId || (clientSecret !== undefined && clientSecret !== sandboxClientSecret)) {
        return oauthError(reply, 401, 'invalid_client', `client_id must be "${sandboxClientId}" with its documented secret.`);
      }

      let subjectId: string;
      let scopeText: string;
      if (body.grant_type === 'authorization_code') {
        const grant = await grants().findOneBy({ tokenHash: sha256Hex(body.code ?? ''), type: 'code' });
        if (!grant || grant.expiresAt.getTime() < Date.now()) return oauthError(reply, 400, 'invalid_grant', 'The code is invalid or expired.');
        const claimed = await grants().update({ tokenHash: grant.tokenHash, usedAt: IsNull() }, { usedAt: new Date() });
        if (claimed.affected !== 1) return oauthError(reply, 400, 'invalid_grant', 'The code was already used.');
        if (body.redirect_uri !== grant.redirectUri) return oauthError(reply, 400, 'invalid_grant', 'redirect_uri differs from the authorization request.');
        const challenge = createHash('sha256').update(body.code_verifier ?? '').digest('base64url');
        if (challenge !== grant.codeChallenge) return oauthError(reply, 400, 'invalid_grant', 'code_verifier does not match the code_challenge.');
        subjectId = grant.subjectId;
        scopeText = grant.scope;
      } else if (body.grant_type === 'refresh_token') {
        const grant = await grants().findOneBy({ tokenHash: sha256Hex(body.refresh_token ?? ''), type: 'refresh' });
        if (!grant || grant.usedAt !== null || grant.expiresAt.getTime() < Date.now()) {
          return oauthError(reply, 400, 'invalid_grant', 'The refresh token is invalid, revoked or expired.');
        }
        subjectId = grant.subjectId;
        scopeText = grant.scope;
      } else {
        return oauthError(reply, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
      }

      // Expired codes and access tokens are useless, so each issuance removes them.
      await grants().delete({ type: In(['code', 'access']), expiresAt: LessThan(new Date()) });

      const accessToken = `sbx_at_${randomToken()}`;
      const refreshToken = body.grant_type === 'authorization_code' ? `sbx_rt_${randomToken()}` : undefined;
      const now = Date.now();
      await grants().insert({
        tokenHash: sha256Hex(accessToken),
        type: 'access',
        subjectId,
        scope: scopeText,
        expiresAt: new Date(now + accessTokenLifetimeSeconds * 1000),
        usedAt: null,
      });
      if (refreshToken) {
        await grants().insert({
          tokenHash: sha256Hex(refreshToken),
          type: 'refresh',
          subjectId,
          scope: scopeText,
          expiresAt: new Date(now + refreshTokenLifetimeSeconds * 1000),
          usedAt: null,
        });
      }
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send({
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: accessTokenLifetimeSeconds,
        refresh_token: refreshToken,
        scope: scopeText,
      });
    });

    // RFC 7009: the response is 200 whether or not the token was known.
    scope.post('/sandbox/revoke', async (request, reply) => {
      const body: Record<string, string | undefined> = stringFields(request.body);
      const hash = sha256Hex(body.token ?? '');
      const grant = await grants().findOneBy({ tokenHash: hash });
      if (grant && grant.type !== 'code') {
        await grants().update({ subjectId: grant.subjectId, usedAt: IsNull() }, { usedAt: new Date() });
      }
      return reply.code(200).send();
    });
  });
}
