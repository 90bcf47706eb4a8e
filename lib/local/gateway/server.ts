import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Route } from '../../../functions/routes';
import type { HandlerLoader } from '../function-modules';
import { closeServer, listen } from '../http-server';
import { functionNameFor, lambdaContext } from '../lambda-context';
import type { Authorizer } from './authorizer';
import { buildHttpApiEvent, splitUrl, toGatewayResponse, type IncomingRequest } from './event';
import { problem, type GatewayResponse } from './problem';
import { routeMatcher } from './route-matcher';

/** Bodies above this are refused by the gateway itself; the functions refuse anything above 64 KiB. */
export const GATEWAY_BODY_LIMIT = 1024 * 1024;

/** API Gateway's integration timeout for HTTP APIs. */
const INTEGRATION_TIMEOUT_MS = 29_000;

const PROTECTED = new Set(['customer', 'employee', 'any']);

/** Extra, local-only endpoints (the SMS outbox), answered before the route table. */
export type LocalEndpoint = (method: string, path: string) => Promise<GatewayResponse | undefined>;

export interface GatewayOptions {
  port: number;
  host?: string;
  region: string;
  routes: readonly Route[];
  loadHandler: HandlerLoader;
  authorizer: Authorizer;
  localEndpoints?: LocalEndpoint[];
  /** One line per request, and errors with their cause. */
  log: (message: string, error?: unknown) => void;
  logRequests?: boolean;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** Reads the body up to the limit; beyond it, the rest is drained unread and the result is undefined. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > GATEWAY_BODY_LIMIT) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= GATEWAY_BODY_LIMIT) chunks.push(chunk as Buffer);
  }
  return size > GATEWAY_BODY_LIMIT ? undefined : Buffer.concat(chunks);
}

function write(response: ServerResponse, answer: GatewayResponse) {
  const headers: Record<string, string | string[]> = { ...answer.headers };
  // 204 and 304 carry no body, and no Content-Length either.
  if (answer.statusCode !== 204 && answer.statusCode !== 304) headers['content-length'] = String(answer.body.length);
  if (answer.cookies) headers['set-cookie'] = answer.cookies;
  response.writeHead(answer.statusCode, headers);
  response.end(answer.body);
}

const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The path and the names of the query parameters, never their values: a query can carry a secret (the SMS callback's `?token=`). */
export function loggableUrl(url: string | undefined): string {
  const [path, query] = (url ?? '/').split('?', 2);
  if (query === undefined) return path;
  return `${path}?${[...new URLSearchParams(query).keys()].map((name) => `${name}=…`).join('&')}`;
}

/** The route's handler, run in this process as Lambda would, with the HTTP API's integration timeout. */
async function invoke(options: GatewayOptions, handlerModule: string, event: ReturnType<typeof buildHttpApiEvent>): Promise<GatewayResponse> {
  const context = lambdaContext({
    functionName: functionNameFor(handlerModule),
    region: options.region,
    timeoutMs: INTEGRATION_TIMEOUT_MS,
  });
  try {
    const handler = await options.loadHandler(handlerModule);
    const result = await withTimeout(handler(event, context), INTEGRATION_TIMEOUT_MS);
    if (result === TIMED_OUT) {
      options.log(`${event.routeKey}: functions/${handlerModule}.ts did not answer in ${INTEGRATION_TIMEOUT_MS} ms`);
      return problem(503, 'service_unavailable', 'The function did not answer in time.');
    }
    return toGatewayResponse(result, event.requestContext.requestId);
  } catch (error) {
    options.log(`${event.routeKey}: functions/${handlerModule}.ts failed`, error);
    return problem(500, 'internal_error', 'The request failed unexpectedly; it has been logged.');
  }
}

/**
 * The local HTTP API: the route table from functions/routes.ts, the JWT authorizer on protected
 * routes, payload format 2.0 events to in-process handlers, and their structured results back.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const match = routeMatcher(options.routes);

  async function answer(request: IncomingMessage, body: Buffer): Promise<GatewayResponse> {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const { path } = splitUrl(url);
    for (const endpoint of options.localEndpoints ?? []) {
      const local = await endpoint(method, path);
      if (local) return local;
    }
    const found = match(method, path);
    if (found.kind === 'not_found') return problem(404, 'not_found', `No route for ${method} ${path}.`);
    if (found.kind === 'method_not_allowed') {
      return problem(405, 'method_not_allowed', `${method} is not allowed on ${path}.`, { allow: found.allow.join(', ') });
    }
    const { route, pathParameters } = found;
    let authorizer;
    if (PROTECTED.has(route.auth)) {
      const verdict = await options.authorizer(request.headers.authorization);
      if (!verdict.ok) return problem(401, 'unauthorized', verdict.detail, { 'www-authenticate': 'Bearer' });
      authorizer = verdict.context;
    }
    const incoming: IncomingRequest = {
      method,
      url,
      rawHeaders: request.rawHeaders,
      body,
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    };
    const event = buildHttpApiEvent(incoming, route, pathParameters, authorizer);
    return invoke(options, route.handler, event);
  }

  async function serve(request: IncomingMessage, response: ServerResponse) {
    const started = Date.now();
    const body = await readBody(request);
    const result = body
      ? await answer(request, body)
      : problem(413, 'payload_too_large', `Request bodies are limited to ${GATEWAY_BODY_LIMIT} bytes.`, { connection: 'close' });
    write(response, result);
    if (options.logRequests) options.log(`${request.method} ${loggableUrl(request.url)} ${result.statusCode} ${Date.now() - started}ms`);
  }

  const server: Server = createServer((request, response) => {
    serve(request, response).catch((error) => {
      options.log(`${request.method} ${loggableUrl(request.url)}: gateway error`, error);
      if (!response.headersSent) write(response, problem(500, 'internal_error', 'The gateway failed; it has been logged.'));
      else response.end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port, host);
  return { url: `http://${host}:${port}`, port, stop: () => closeServer(server) };
}
