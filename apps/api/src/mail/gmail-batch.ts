import { AppError } from '../graphql/errors';
import type { ProviderHttp } from '../unified/provider-http';
import { providerErrorFor } from '../unified/provider-http';

/** Inner requests per batch call; Google accepts up to 100 and advises at most 50. */
export const gmailBatchSize = 50;

export interface BatchResult {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * Sends GET requests through Google's batch endpoint (`POST /batch/gmail/v1`,
 * multipart/mixed with one `application/http` part per request) and returns the inner
 * responses in request order.
 */
export async function gmailBatchGet(http: ProviderHttp, paths: string[]): Promise<BatchResult[]> {
  const boundary = `batch_${Math.random().toString(36).slice(2)}`;
  const body =
    paths.map((path, index) => `--${boundary}\r\nContent-Type: application/http\r\nContent-ID: <item${index}>\r\n\r\nGET ${path}\r\n`).join('\r\n') +
    `\r\n--${boundary}--\r\n`;
  const response = await http.request({
    method: 'POST',
    path: '/batch/gmail/v1',
    headers: { 'content-type': `multipart/mixed; boundary=${boundary}` },
    body,
  });
  const contentType = response.headers.get('content-type') ?? '';
  const match = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!match) throw malformed(http.providerName);
  const results = parseBatchResponse(await response.text(), match[1]);
  const ordered: BatchResult[] = [];
  for (let index = 0; index < paths.length; index++) {
    const result = results.get(`item${index}`);
    if (!result) throw malformed(http.providerName);
    ordered.push(result);
  }
  return ordered;
}

function malformed(providerName: string): AppError {
  return new AppError('PROVIDER_UNAVAILABLE', `${providerName} returned a malformed batch response; try again later.`);
}

/** Splits a multipart/mixed batch response into inner HTTP responses keyed by the request's Content-ID. */
export function parseBatchResponse(text: string, boundary: string): Map<string, BatchResult> {
  const results = new Map<string, BatchResult>();
  for (const chunk of text.split(`--${boundary}`)) {
    const part = chunk.replace(/^\r?\n/, '');
    if (part.startsWith('--') || part.trim() === '') continue;
    const [partHeaders, inner] = splitOnce(part);
    const contentId = /content-id:\s*<?(?:response-)?([^>\r\n]+)>?/i.exec(partHeaders)?.[1];
    const [head, body] = splitOnce(inner);
    const lines = head.split(/\r?\n/);
    const status = Number(/^HTTP\/[\d.]+\s+(\d{3})/.exec(lines[0])?.[1] ?? 0);
    const headers = new Headers();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    if (contentId) results.set(contentId, { status, headers, body: body.replace(/\r?\n$/, '') });
  }
  return results;
}

function splitOnce(text: string): [string, string] {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return [text, ''];
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)];
}

/** Throws the unified error of a failed inner response. */
export function throwIfFailed(result: BatchResult, providerName: string): void {
  const error = providerErrorFor(result.status, result.headers, result.body, providerName);
  if (error) throw error;
}
