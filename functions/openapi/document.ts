import * as z from 'zod';
import { DOCS_ASSET_NAMES } from '../http/docs/asset-files';
import { callsBackend, type AuthMode, type RouteDeclaration } from '../route-declaration';
import { routes } from '../routes';
import * as examples from './examples';
import { componentRef, inputSchema, registryComponents, type JsonSchema } from './json-schema';
import { PROBLEM_CODES, problemExample, problems, type ProblemCode } from './problems';
import { responseSchemas, type ResponseSchemaName } from './schemas';

/*
 * The OpenAPI 3.1 document, built from the route declarations (functions/routes.ts) with the
 * request schemas the handlers validate with, and the response schemas (./schemas.ts). zod 4 writes JSON Schema draft 2020-12, which is what an OpenAPI 3.1
 * Schema Object is, so no converter sits in between.
 */

export interface DocumentOptions {
  /**
   * The Cognito hosted login: its base URL (https://<domain>.auth.<region>.amazoncognito.com) or
   * its /oauth2/authorize URL. Without it the OAuth2 scheme carries placeholder URLs.
   */
  hostedLoginUrl?: string;
}

type Operation = Record<string, unknown> & {
  operationId: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters: Record<string, unknown>[];
  responses: Record<string, Record<string, unknown>>;
};

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Record<string, unknown>;
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, Record<string, unknown>>;
    examples: Record<string, Record<string, unknown>>;
    headers: Record<string, Record<string, unknown>>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
}

const TAGS: Record<string, { name: string; description: string }> = {
  health: { name: 'Health', description: 'Liveness.' },
  auth: { name: 'Auth', description: 'Registration and tokens (Cognito).' },
  me: { name: 'Me', description: 'The signed-in user.' },
  customers: { name: 'Customers', description: 'Customer profiles.' },
  inventory: { name: 'Inventory', description: "The shop's beverages and their stock." },
  orders: { name: 'Orders', description: 'Orders, their items and their review.' },
  notifications: { name: 'Notifications', description: 'The in-app inbox: the same texts as the SMS messages.' },
  sms: { name: 'SMS', description: 'Callbacks of the SMS provider.' },
  docs: { name: 'Docs', description: 'This document and its viewers, served by the service itself (no CDN).' },
};

const folderOf = (route: RouteDeclaration) => route.handler.split('/')[1]!;

/** `http/orders/add-item` → `ordersAddItem`. */
const operationIdOf = (route: RouteDeclaration) =>
  route.handler
    .split('/')
    .slice(1)
    .join('-')
    .replace(/-(\w)/g, (_match, letter: string) => letter.toUpperCase());

const PROTECTED: readonly AuthMode[] = ['customer', 'employee', 'any'];

const WHO: Record<AuthMode, string> = {
  public: 'anyone; no bearer token is needed',
  optional: 'anyone; a token, when sent, is verified and decides the view',
  customer: 'customers',
  employee: 'employees',
  any: 'any signed-in user (customers or employees)',
};

/** Protected routes take the Cognito access token, either pasted (bearer) or from the hosted login. */
function securityOf(auth: AuthMode): Record<string, string[]>[] | undefined {
  if (PROTECTED.includes(auth)) return [{ bearer: [] }, { hostedLogin: [] }];
  if (auth === 'optional') return [{}, { bearer: [] }, { hostedLogin: [] }];
  return undefined;
}

const PATH_PARAMETERS: Record<string, string> = {
  customerId: "The customer's id (their Cognito `sub`).",
  orderId: 'The order id.',
  itemId: 'The inventory item id.',
  file: 'One of the files of Swagger UI and Redoc the service serves.',
};

function queryDescription(route: RouteDeclaration, name: string): string | undefined {
  const tag = folderOf(route);
  const descriptions: Record<string, string | undefined> = {
    limit: 'Page size, 1 to 100.',
    cursor: 'The `nextCursor` of the previous page. It is bound to the caller and the filters it came from: a tampered or foreign cursor is a 400.',
    state: tag === 'orders' ? 'Only orders in this state.' : 'Only items in this stock state.',
    type: 'Only items of this type.',
    customerId: 'Only the orders of this customer. Employees only: a customer may name nobody but themselves (else 403).',
    code: "The customer with this 5-character code (case-insensitive); the page holds that customer or nobody.",
    token: 'The shared secret of the callback URL configured at the SMS provider.',
  };
  return descriptions[name];
}

function parametersOf(route: RouteDeclaration): Record<string, unknown>[] {
  const parameters: Record<string, unknown>[] = [];
  for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
    const schema = name === 'file' ? { type: 'string', enum: DOCS_ASSET_NAMES } : { type: 'string', minLength: 1 };
    parameters.push({ name, in: 'path', required: true, description: PATH_PARAMETERS[name], schema });
  }
  if (route.query) {
    const query = inputSchema(route.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({
        name,
        in: 'query',
        required: query.required?.includes(name) ?? false,
        ...(queryDescription(route, name) && { description: queryDescription(route, name) }),
        schema,
      });
    }
  }
  if (route.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (route.ifMatch) parameters.push({ $ref: '#/components/parameters/IfMatch' });
  return parameters;
}

/** The problems a route can answer: its own, and those of its kind (auth, input, headers, failures). */
function problemCodesOf(route: RouteDeclaration): ProblemCode[] {
  const codes = new Set<ProblemCode>();
  if (PROTECTED.includes(route.auth)) codes.add('unauthorized').add('forbidden');
  if (route.auth === 'optional') codes.add('unauthorized');
  if (route.query || route.body) codes.add('validation_failed');
  if (route.body) codes.add('payload_too_large');
  if (route.idempotent) codes.add('validation_failed').add('idempotency_in_progress').add('idempotency_key_reused');
  if (route.ifMatch) codes.add('precondition_failed');
  for (const code of route.problems ?? []) codes.add(code);
  codes.add('internal_error');
  if (callsBackend(route)) codes.add('service_unavailable');
  return [...codes];
}

const problemExampleName = (code: ProblemCode) => `problem.${code}`;

/** Shared examples by reference; a 404 names its resource, so it is written in place. */
function problemExampleOf(code: ProblemCode, resource: string | undefined): Record<string, unknown> {
  if (code === 'not_found') return { summary: code, value: problemExample(code, resource) };
  return { $ref: `#/components/examples/${problemExampleName(code)}` };
}

function problemResponses(route: RouteDeclaration): Record<string, Record<string, unknown>> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of problemCodesOf(route)) {
    const { status } = problems[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, Record<string, unknown>> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const content: Record<string, unknown> = {
      'application/problem+json': {
        schema: { allOf: [{ $ref: componentRef('Problem') }, { type: 'object', properties: { code: { type: 'string', enum: codes } } }] },
        examples: Object.fromEntries(codes.map((code) => [code, problemExampleOf(code, route.resource)])),
      },
    };
    // In AWS the HTTP API's Cognito authorizer answers a bad token itself, before the function runs.
    if (status === 401 && PROTECTED.includes(route.auth)) {
      content['application/json'] = { schema: { $ref: componentRef('GatewayUnauthorized') }, example: { message: 'Unauthorized' } };
    }
    responses[String(status)] = {
      description: codes.map((code) => `\`${code}\`: ${route.problemNotes?.[code] ?? problems[code].when}`).join('\n\n'),
      ...(status === 503 && { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } }),
      content,
    };
  }
  return responses;
}

/** Media-type examples of a response, by name: both views where a response has two. */
function responseExamples(name: ResponseSchemaName): Record<string, { summary: string; value: unknown }> {
  const both = (a: [string, unknown], b: [string, unknown]) => ({
    [a[0]]: { summary: a[0], value: a[1] },
    [b[0]]: { summary: b[0], value: b[1] },
  });
  if (name === 'Me') return both(['customer', examples.customerMeExample], ['employee', examples.employeeMeExample]);
  if (name === 'AnyInventoryItem') {
    return both(['employee', examples.inventoryItemExample], ['public', examples.publicInventoryItemExample]);
  }
  if (name === 'InventoryPage') {
    const page = (item: unknown) => ({ items: [item], nextCursor: examples.nextCursorExample });
    return both(['employee', page(examples.inventoryItemExample)], ['public', page(examples.publicInventoryItemExample)]);
  }
  const [example] = (z.globalRegistry.get(responseSchemas[name])?.examples ?? []) as unknown[];
  return example === undefined ? {} : { example: { summary: 'example', value: example } };
}

function successResponse({ success }: RouteDeclaration): Record<string, unknown> {
  const headers: Record<string, unknown> = { ...success.headers };
  if (success.etag) headers.ETag = { $ref: '#/components/headers/ETag' };
  const examples =
    success.example === undefined ? success.schema && responseExamples(success.schema) : { example: { summary: 'example', value: success.example } };
  const content = success.schema ? { 'application/json': { schema: { $ref: componentRef(success.schema) }, examples } } : success.content;
  const etagNote = typeof success.etag === 'string' ? ` The ETag comes with the ${success.etag}' view only.` : '';
  return {
    description: success.description + etagNote,
    ...(Object.keys(headers).length > 0 && { headers }),
    ...(content && { content }),
  };
}

function requestBodyOf({ body }: RouteDeclaration): Record<string, unknown> | undefined {
  if (!body) return undefined;
  const { name, contentType = 'application/json', example } = body;
  const required = body.required ?? Boolean((inputSchema(body.schema).required as string[] | undefined)?.length);
  return {
    required,
    content: { [contentType]: { schema: { $ref: componentRef(name) }, ...(example !== undefined && { example }) } },
  };
}

function operationOf(route: RouteDeclaration): Operation {
  const security = securityOf(route.auth);
  const requestBody = requestBodyOf(route);
  return {
    operationId: operationIdOf(route),
    tags: [TAGS[folderOf(route)]?.name ?? folderOf(route)],
    summary: route.summary,
    description: [route.description, `**Who:** ${WHO[route.auth]}.`].filter(Boolean).join('\n\n'),
    ...(security && { security }),
    parameters: parametersOf(route),
    ...(requestBody && { requestBody }),
    responses: { [String(route.success.status)]: successResponse(route), ...problemResponses(route) },
  };
}

/** Request schemas as their input, named by the registry; one schema, one name. */
function requestComponents(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const { body } of routes as readonly RouteDeclaration[]) {
    if (!body) continue;
    const known = registry.get(body.schema)?.id;
    if (known && known !== body.name) throw new Error(`One request schema, two names: ${known} and ${body.name}`);
    if (!known) registry.add(body.schema, { id: body.name });
  }
  return registryComponents(registry, 'input');
}

function responseComponents(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(responseSchemas)) registry.add(schema, { id: name });
  return registryComponents(registry, 'output');
}

function hostedLoginUrls(url: string | undefined) {
  if (!url) return { authorizationUrl: '/oauth2/authorize', tokenUrl: '/oauth2/token', configured: false };
  const base = url.replace(/\/+$/, '').replace(/\/oauth2\/authorize$/, '');
  return { authorizationUrl: `${base}/oauth2/authorize`, tokenUrl: `${base}/oauth2/token`, configured: true };
}

function securitySchemes(options: DocumentOptions) {
  const { authorizationUrl, tokenUrl, configured } = hostedLoginUrls(options.hostedLoginUrl);
  return {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'A Cognito **access** token: the `accessToken` of POST /v1/auth/token (or of the hosted login). Id tokens are refused. The role comes from the token groups only: `customers` or `employees`.',
    },
    hostedLogin: {
      type: 'oauth2',
      description: [
        'The Cognito hosted login: authorization code grant with PKCE (S256), for the employee web client (no client secret).',
        configured
          ? 'Register `<this API>/docs/assets/oauth2-redirect.html` as a callback URL of the client to sign in from /docs.'
          : 'Not configured for this deployment: these server-relative URLs are placeholders. Set HOSTED_LOGIN_URL to the hosted-login domain (`https://<domain>.auth.<region>.amazoncognito.com`).',
      ].join(' '),
      flows: {
        authorizationCode: {
          authorizationUrl,
          tokenUrl,
          refreshUrl: tokenUrl,
          scopes: { openid: 'Sign in (OpenID Connect).', email: 'The email address.', profile: 'The name.' },
        },
      },
    },
  };
}

const INTRODUCTION = `The beverage shop's order service: customers order drinks, employees review the orders, and every order change is sent to the customer by SMS and to their in-app inbox.

**Conventions.** JSON in and out with camelCase names; unknown body fields are rejected (400). Ids are opaque strings, timestamps ISO 8601 UTC, money a decimal string with two decimals ("6.40"). Strings are trimmed; blank counts as missing.

**Auth.** \`Authorization: Bearer <Cognito access token>\` (POST /v1/auth/token, or the hosted login). The role comes from the token's \`cognito:groups\` only: \`customers\` or \`employees\`; a token with neither gets 403 on every role-checked route.

**Errors.** Every error is \`application/problem+json\` (RFC 9457): \`type\`, \`title\`, \`status\`, \`detail\`, a stable \`code\`, and \`errors\` (\`path\`, \`message\`) for validation failures; each operation lists the codes it can answer. Checks run in this order: authentication (401), role (403), lookup and ownership (404), body (400), If-Match (412), state (409), emptiness (422), stock (409).

**Lists.** \`limit\` (1..100, default 25) and \`cursor\` (the previous page's \`nextCursor\`) return \`{ items, nextCursor }\`; \`nextCursor\` is null on the last page.

**Versions.** Single resources carry \`version\` and \`ETag: "<version>"\`; every change of an existing order or inventory item accepts \`If-Match\`, and a stale one gets 412.

**Idempotency.** POST /v1/orders and POST /v1/auth/register accept \`Idempotency-Key\` (1..255 characters): a retry with the same key and body from the same caller within 24 h returns the first response and creates nothing. The caller is the token's subject, or for an anonymous registration the email it registers. An order created with a key is the one order of that caller and key for good: a retry whose first attempt's record was lost still finds it.

**Limits.** Request bodies over 64 KiB get 413. Every list is paginated.`;

export function buildOpenApiDocument(options: DocumentOptions = {}): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes as readonly RouteDeclaration[]) (paths[route.path] ??= {})[route.method.toLowerCase()] = operationOf(route);

  const responses = responseComponents();
  const requests = requestComponents();
  const clash = Object.keys(requests).find((name) => name in responses);
  if (clash) throw new Error(`Schema name ${clash} is both a request and a response`);

  const usedTags = new Set(routes.map(folderOf));
  return {
    openapi: '3.1.0',
    info: { title: 'Beverage Shop Order Service', version: '1.0.0', description: INTRODUCTION },
    servers: [{ url: '/', description: 'This deployment (the origin the document is served from).' }],
    tags: Object.entries(TAGS)
      .filter(([folder]) => usedTags.has(folder))
      .map(([, tag]) => tag),
    paths,
    components: {
      schemas: { ...responses, ...requests },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Makes a retry safe: the same key and body from the same caller within 24 h returns the first response and creates nothing; the same key with another body is a 422.',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
          example: '5f0c6a1e-2d4b-4f7a-9c3e-8b1d2a3c4e5f',
        },
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          required: false,
          description: 'The ETag last read (its version, e.g. `"3"`); `*` matches any. A stale one gets 412 and changes nothing.',
          schema: { type: 'string' },
          example: '"3"',
        },
      },
      examples: Object.fromEntries(
        PROBLEM_CODES.filter((code) => code !== 'not_found').map((code) => [
          problemExampleName(code),
          { summary: code, description: problems[code].when, value: problemExample(code) },
        ]),
      ),
      headers: {
        ETag: { description: 'The version of the resource, quoted: `"3"`. Send it back in If-Match.', schema: { type: 'string' }, example: '"3"' },
        RetryAfter: { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 }, example: 1 },
      },
      securitySchemes: securitySchemes(options),
    },
  };
}
