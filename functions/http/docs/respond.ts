import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { problemResponse } from '../../platform/problem';
import { traced } from '../../platform/tracer';
import type { HttpResponse } from '../../platform/responses';

export type DocsEvent = Pick<APIGatewayProxyEventV2, 'headers' | 'pathParameters' | 'queryStringParameters'>;

/**
 * The docs functions answer static content and need request headers (If-None-Match,
 * Accept-Encoding) that the house httpHandler does not pass on; they share its problem+json
 * rendering, and being public they have no auth, body or idempotency to handle.
 */
export function docsHandler(answer: (event: DocsEvent) => HttpResponse | Promise<HttpResponse>) {
  return traced(async (event: DocsEvent): Promise<HttpResponse> => {
    try {
      return await answer(event);
    } catch (error) {
      return problemResponse(error) as HttpResponse;
    }
  });
}

export const strongEtag = (content: string | Buffer) => `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;

/** If-None-Match holds the current ETag (or `*`): the client's copy is fresh. */
export function isFresh(event: DocsEvent, etag: string): boolean {
  const header = event.headers?.['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

export const notModified = (headers: Record<string, string>): HttpResponse => ({ statusCode: 304, headers });

/** Accept-Encoding names gzip (and not with q=0). */
export function acceptsGzip(event: DocsEvent): boolean {
  const header = event.headers?.['accept-encoding'] ?? '';
  return header.split(',').some((part) => {
    const [coding, ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
    return coding === 'gzip' && (q === undefined || Number(q) > 0);
  });
}
