import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type * as z from 'zod';
import { payloadTooLarge } from '../core/errors';
import type { Caller } from '../core/roles';
import type { AuthMode, RouteDeclaration } from '../route-declaration';
import { resolveCaller } from './auth';
import { parseIfMatch } from './if-match';
import { parseJsonBody, validate } from './input';
import { pathParameters } from './path-parameters';
import { publishBusinessMetrics } from './business-metrics';
import { logger } from './logger';
import { tracing } from './tracer';
import { problemResponse } from './problem';
import { bearerToken } from './token-verifier';
import type { HttpResponse } from './responses';

export const MAX_BODY_BYTES = 64 * 1024;

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
/** What the before-middleware found, for the use case: the caller and the decoded body. */
type CallerContext = Context & { caller?: Caller | null; rawBody?: string };
type CallerFor<A extends AuthMode> = A extends 'public' | 'optional' ? Caller | null : Caller;
type Nothing = Record<string, never>;
/** What the route's declared schemas validate to. */
type QueryOf<R extends RouteDeclaration> = R['query'] extends z.ZodType ? z.output<R['query']> : Nothing;
type BodyOf<R extends RouteDeclaration> = R['body'] extends { schema: z.ZodType } ? z.output<R['body']['schema']> : Nothing;

export interface HttpRequest<R extends RouteDeclaration, Q = QueryOf<R>, B = BodyOf<R>> {
  caller: CallerFor<R['auth']>;
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
  /** The bearer token itself, for the Cognito calls made as the caller (change password, sign out). */
  accessToken: string | undefined;
}

export interface HttpOptions {
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

/**
 * Wires one route from its declaration: logging, its auth mode, limits, its query and body
 * schemas, the options' middlewares (idempotency) and problem+json errors.
 */
export function httpHandler<R extends RouteDeclaration, Q = QueryOf<R>, B = BodyOf<R>>(
  route: R,
  useCase: (request: HttpRequest<R, Q, B>) => Promise<HttpResponse>,
  options: HttpOptions = {},
) {
  const querySchema = route.query as z.ZodType<Q> | undefined;
  const bodySchema = route.body?.schema as z.ZodType<B> | undefined;

  const core = async (event: Event, context: CallerContext): Promise<HttpResponse> => {
    const body = context.rawBody;
    const params = pathParameters(event.pathParameters);
    const query = querySchema ? validate(querySchema, event.queryStringParameters ?? {}, 'query') : ({} as Q);
    let parsedBody: B | undefined;
    return useCase({
      caller: context.caller as CallerFor<R['auth']>,
      params,
      query,
      body: () => (parsedBody ??= bodySchema ? validate(bodySchema, parseJsonBody(body), 'body') : ({} as B)),
      peek: (field) => memberOf(body, field),
      ifMatch: parseIfMatch(event.headers?.['if-match']),
      idempotencyKey: event.headers?.['idempotency-key'],
      accessToken: bearerToken(event.headers?.authorization),
    });
  };

  const handler = middy<Event, HttpResponse, Error, CallerContext>(core)
    .use(tracing())
    .use(publishBusinessMetrics())
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
  for (const middleware of options.middlewares ?? []) handler.use(middleware);
  // A middleware failing inside onError escapes middy: it still becomes a problem, never a crash.
  return (event: Event, context: Context) => handler(event, context).catch(problemResponse);
}
