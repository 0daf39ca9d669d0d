import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export interface HtmlPagePolicy {
  /** CSP `style-src` sources, for example a hash from styleHashSource(). */
  styleSources: string[];
  /** CSP `form-action` sources: where forms on the page may submit and redirect to. */
  formActions?: string[];
}

/** Returns the CSP source (`'sha256-...'`) that allows one inline `<style>` element with exactly this text. */
export function styleHashSource(styleText: string): string {
  return `'sha256-${createHash('sha256').update(styleText, 'utf8').digest('base64')}'`;
}

/**
 * Sets the headers of an HTML page that the API serves itself: no framing (clickjacking),
 * no scripts or other loads, no Referer (these pages' URLs carry OAuth codes and states)
 * and no MIME sniffing.
 */
export function setHtmlPageHeaders(reply: FastifyReply, policy: HtmlPagePolicy): FastifyReply {
  const directives = [
    "default-src 'none'",
    `style-src ${policy.styleSources.join(' ') || "'none'"}`,
    "base-uri 'none'",
    `form-action ${policy.formActions?.join(' ') || "'none'"}`,
    "frame-ancestors 'none'",
  ];
  return reply
    .header('content-security-policy', directives.join('; '))
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff');
}
