import type { FastifyInstance, FastifyReply } from 'fastify';
import { setHtmlPageHeaders, styleHashSource } from '../http/html-page-headers';
import type { Services } from '../services';
import type { CallbackOutcome } from './authorization-flow';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const pageStyle = 'body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .25rem}';
/** Content-Security-Policy sources of the callback pages: their one inline style, nothing else. */
const pagePolicy = { styleSources: [styleHashSource(pageStyle)] };

/** Renders a small self-contained page for flows started without `returnTo`, escaping every value. */
function renderPage(title: string, lines: string[]): string {
  const paragraphs = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n    ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(title)}</title>
    <style>${pageStyle}</style>
  </head>
  <body>
    <h1>${escapeHtml(title)}</h1>
    ${paragraphs}
  </body>
</html>
`;
}

function redirectTo(reply: FastifyReply, returnTo: string, parameters: Record<string, string>): FastifyReply {
  const url = new URL(returnTo);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return reply.redirect(url.href, 302);
}

function sendOutcome(reply: FastifyReply, outcome: CallbackOutcome): FastifyReply {
  reply.header('cache-control', 'no-store');
  setHtmlPageHeaders(reply, pagePolicy);
  if (outcome.ok) {
    const { integration } = outcome;
    if (outcome.returnTo) return redirectTo(reply, outcome.returnTo, { integrationId: integration.id, status: integration.status });
    const account = integration.accountEmail ? ` as ${integration.accountEmail}` : '';
    return reply
      .code(200)
      .type('text/html; charset=utf-8')
      .send(renderPage('Account connected', [`Your ${integration.kind} account is connected${account}.`, 'You can close this window.']));
  }

  if (outcome.returnTo && outcome.integration) {
    return redirectTo(reply, outcome.returnTo, {
      integrationId: outcome.integration.id,
      status: outcome.integration.status,
      error: outcome.error,
      error_description: outcome.description,
    });
  }
  return reply
    .code(400)
    .type('text/html; charset=utf-8')
    .send(renderPage('The account was not connected', [outcome.description, `Error code: ${outcome.error}`]));
}

/**
 * `GET /oauth/callback`: where every provider, the sandbox included, returns the user after
 * the consent step. The outcome goes to the flow's `returnTo` as query parameters
 * (`integrationId`, `status`, and on failure `error` and `error_description`), or, without
 * `returnTo` and for forged or replayed states, onto a page of Work API's own.
 */
export function registerOAuthCallbackRoute(server: FastifyInstance, services: Services): void {
  server.get('/oauth/callback', async (request, reply) => {
    const parameters = new URL(request.url, 'http://callback.invalid').searchParams;
    let outcome: CallbackOutcome;
    try {
      outcome = await services.integrations.completeAuthorization(parameters);
    } catch (error) {
      request.log.error({ err: error }, 'the OAuth callback failed');
      setHtmlPageHeaders(reply, pagePolicy);
      return reply
        .code(500)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(renderPage('The account was not connected', [`An internal error occurred (request id ${request.id}). Try connecting the account again.`, 'Error code: server_error']));
    }
    return sendOutcome(reply, outcome);
  });
}
