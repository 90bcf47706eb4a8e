import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** A single resource with a version: its ETag is the quoted version. */
export function resource<T extends { version: number }>(statusCode: number, body: T): HttpResponse {
  return json(statusCode, body, { etag: `"${body.version}"` });
}

export const noContent = (): HttpResponse => ({ statusCode: 204 });
