import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Route } from '../../../functions/routes';
import type { GatewayResponse } from './problem';
import { decodeUrlPart } from './decode';

/** What the gateway knows about one HTTP request once its body is read. */
export interface IncomingRequest {
  method: string;
  /** Path and query as sent (still percent-encoded). */
  url: string;
  /** Node's rawHeaders: name, value, name, value... */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  now?: Date;
}

/** The JWT authorizer's output, as the HTTP API puts it into the event. */
export interface JwtAuthorizerContext {
  jwt: { claims: Record<string, string>; scopes: string[] | null };
}

export type HttpApiEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: JwtAuthorizerContext };
};

const TEXT_TYPES = /^(text\/|application\/(json|[^;]*\+json|xml|[^;]*\+xml|javascript|x-www-form-urlencoded|graphql))/i;

/**
 * Header names in lower case, repeated headers joined with commas, as API Gateway does; cookies
 * leave the headers for the event's `cookies` list.
 */
function collectHeaders(rawHeaders: string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index]!.toLowerCase();
    const value = rawHeaders[index + 1]!;
    if (name === 'cookie') cookies.push(...value.split(';').map((cookie) => cookie.trim()).filter(Boolean));
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

/** Decoded parameters; a repeated name gets its values joined with commas. */
export function parseQueryString(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const parameters: Record<string, string> = {};
  for (const pair of rawQueryString.split('&')) {
    if (!pair) continue;
    const separator = pair.indexOf('=');
    const name = decodeUrlPart(separator === -1 ? pair : pair.slice(0, separator));
    const value = separator === -1 ? '' : decodeUrlPart(pair.slice(separator + 1));
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return Object.keys(parameters).length ? parameters : undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `23/Nov/2026:11:49:43 +0000`, API Gateway's requestContext.time. */
function clf(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

export function splitUrl(url: string): { path: string; rawQueryString: string } {
  const index = url.indexOf('?');
  return index === -1 ? { path: url, rawQueryString: '' } : { path: url.slice(0, index), rawQueryString: url.slice(index + 1) };
}

/** A payload format 2.0 event, the way an HTTP API hands a request to a Lambda integration. */
export function buildHttpApiEvent(
  request: IncomingRequest,
  route: Route,
  pathParameters: Record<string, string>,
  authorizer?: JwtAuthorizerContext,
): HttpApiEvent {
  const now = request.now ?? new Date();
  const { path, rawQueryString } = splitUrl(request.url);
  const { headers, cookies } = collectHeaders(request.rawHeaders);
  headers['x-forwarded-for'] ??= request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  const host = headers.host ?? 'localhost';
  headers['x-forwarded-port'] ??= host.includes(':') ? host.split(':').pop()! : '80';
  const routeKey = `${route.method} ${route.path}`;
  const contentType = headers['content-type'];
  const isText = contentType === undefined || TEXT_TYPES.test(contentType);
  const hasBody = request.body.length > 0;
  const queryStringParameters = parseQueryString(rawQueryString);
  const event: HttpApiEvent = {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(queryStringParameters && { queryStringParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      ...(authorizer && { authorizer }),
      domainName: host.split(':')[0]!,
      domainPrefix: host.split('.')[0]!.split(':')[0]!,
      http: {
        method: request.method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: clf(now),
      timeEpoch: now.getTime(),
    },
    ...(Object.keys(pathParameters).length > 0 && { pathParameters }),
    ...(hasBody && { body: isText ? request.body.toString('utf8') : request.body.toString('base64') }),
    isBase64Encoded: hasBody && !isText,
  };
  return event;
}

/**
 * Payload format 2.0 responses: a structured result is used as is; anything else is taken as a
 * JSON body with status 200, as API Gateway does.
 */
export function toGatewayResponse(result: unknown, requestId: string): GatewayResponse {
  const structured =
    typeof result === 'object' && result !== null && 'statusCode' in result ? (result as APIGatewayProxyStructuredResultV2) : undefined;
  if (!structured) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { 'content-type': 'application/json', 'apigw-requestid': requestId }, body: Buffer.from(body) };
  }
  const headers: Record<string, string> = { 'apigw-requestid': requestId };
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const body = structured.body === undefined ? Buffer.alloc(0) : Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: structured.statusCode ?? 200, headers, body, ...(structured.cookies && structured.cookies.length > 0 && { cookies: structured.cookies }) };
}
