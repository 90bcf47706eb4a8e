import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { z } from 'zod';
import { payloadTooLarge } from '../core/errors';
import type { Caller } from '../core/roles';
import { findRoute, type AuthMode, type RouteKey, routes } from '../routes';
import { resolveCaller } from './auth';
import { parseIfMatch } from './if-match';
import { parseJsonBody, validate } from './input';
import { pathParameters } from './path-parameters';
import { logger } from './logger';
import { problemResponse } from './problem';
import type { HttpResponse } from './responses';

export const MAX_BODY_BYTES = 64 * 1024;

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
/** What the before-middleware found, for the use case: the caller and the decoded body. */
type CallerContext = Context & { caller?: Caller | null; rawBody?: string };
type AuthOf<K extends RouteKey> = K extends `${infer M} ${infer P}`
  ? Extract<(typeof routes)[number], { method: M; path: P }>['auth']
  : never;
type CallerFor<A extends AuthMode> = A extends 'public' | 'optional' ? Caller | null : Caller;

export interface HttpRequest<K extends RouteKey, Q, B> {
  caller: CallerFor<AuthOf<K>>;
  params: Record<string, string>;
  query: Q;
  /** Parsed and validated on demand, so that lookups (404) answer before body validation (400). */
  body: () => B;
  /** One member of the JSON body before validation, for the checks that precede it (a role may not send a field). */
  peek: (field: string) => unknown;
  /** The version named by If-Match; undefined when absent or `*`, NaN when it can match nothing. */
  ifMatch: number | undefined;
  /** The Idempotency-Key header (checked by the idempotency middleware where the route has one). */
  idempotencyKey: string | undefined;
}

export interface HttpSpec<Q, B> {
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Run after auth and limits, before the use case: e.g. idempotency() for the Idempotency-Key header. */
  middlewares?: middy.MiddlewareObj[];
}

function rawBody(event: Event): string | undefined {
  if (event.body === undefined || event.body === null) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function memberOf(body: string | undefined, field: string): unknown {
  try {
    const parsed: unknown = JSON.parse(body ?? '');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>)[field] : undefined;
  } catch {
    return undefined;
  }
}

/** Wires one route: logging, auth, limits, input parsing, idempotency and problem+json errors. */
export function httpHandler<K extends RouteKey, Q = Record<string, never>, B = Record<string, never>>(
  key: K,
  spec: HttpSpec<Q, B>,
  useCase: (request: HttpRequest<K, Q, B>) => Promise<HttpResponse>,
) {
  const route = findRoute(key);

  const core = async (event: Event, context: CallerContext): Promise<HttpResponse> => {
    const body = context.rawBody;
    const params = pathParameters(event.pathParameters);
    const query = spec.query ? validate(spec.query, event.queryStringParameters ?? {}, 'query') : ({} as Q);
    let parsedBody: B | undefined;
    return useCase({
      caller: context.caller as CallerFor<AuthOf<K>>,
      params,
      query,
      body: () => (parsedBody ??= spec.body ? validate(spec.body, parseJsonBody(body), 'body') : ({} as B)),
      peek: (field) => memberOf(body, field),
      ifMatch: parseIfMatch(event.headers?.['if-match']),
      idempotencyKey: event.headers?.['idempotency-key'],
    });
  };

  const handler = middy<Event, HttpResponse, Error, CallerContext>(core)
    .use({ onError: (request) => void (request.response = problemResponse(request.error)) })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use({
      before: async (request) => {
        request.context.caller = await resolveCaller(request.event, route.auth);
        const body = (request.context.rawBody = rawBody(request.event));
        if (body !== undefined && Buffer.byteLength(body) > MAX_BODY_BYTES) throw payloadTooLarge(MAX_BODY_BYTES);
      },
    });
  for (const middleware of spec.middlewares ?? []) handler.use(middleware);
  // A middleware failing inside onError escapes middy: it still becomes a problem, never a crash.
  return (event: Event, context: Context) => handler(event, context).catch(problemResponse);
}
