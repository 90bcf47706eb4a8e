import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../functions/openapi/document';
import { DOCUMENTED_BODY_LIMIT, PROBLEM_CODES, problems } from '../../functions/openapi/problems';
import { MAX_BODY_BYTES } from '../../functions/platform/http-handler';
import { routes } from '../../functions/routes';
import { documentValidator } from './document-schemas';

const document = buildOpenApiDocument();
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Operation = (typeof document.paths)[string][string];
const operationOf = (method: string, path: string): Operation => document.paths[path]![method.toLowerCase()]!;
const keyOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

/** Every code a route's responses name, by status. */
function codesOf(operation: Operation): Map<number, string[]> {
  const codes = new Map<number, string[]>();
  for (const [status, response] of Object.entries(operation.responses)) {
    const media = (response.content as Record<string, { schema: { allOf?: { properties?: { code?: { enum: string[] } } }[] } }> | undefined)?.[
      'application/problem+json'
    ];
    const named = media?.schema.allOf?.[1]?.properties?.code?.enum;
    if (named) codes.set(Number(status), named);
  }
  return codes;
}
const allCodesOf = (operation: Operation) => [...codesOf(operation).values()].flat();

const PROTECTED = new Set(['customer', 'employee', 'any']);
const documentedHeader = (operation: Operation, ref: string) =>
  operation.parameters.some((parameter) => parameter.$ref === `#/components/parameters/${ref}`);

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 by the OpenAPI Initiative schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every route of functions/routes.ts with its method and path', () => {
    for (const route of routes) {
      expect(document.paths[route.path], route.path).toBeDefined();
      expect(document.paths[route.path]![route.method.toLowerCase()], keyOf(route)).toBeDefined();
    }
  });

  it('documents nothing that is not in the route table', () => {
    const known = new Set(routes.map(keyOf));
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) {
        expect(METHODS, `${method} on ${path}`).toContain(method);
        expect(known.has(`${method.toUpperCase()} ${path}`), `${method.toUpperCase()} ${path} is documented but not routed`).toBe(true);
      }
    }
  });

  it('gives every operation a unique operationId and a tag', () => {
    const ids = routes.map((route) => operationOf(route.method, route.path).operationId);
    expect(new Set(ids).size).toBe(routes.length);
    for (const route of routes) expect(operationOf(route.method, route.path).tags).toHaveLength(1);
  });

  it('declares the path parameters of every templated path', () => {
    for (const route of routes) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      const declared = operationOf(route.method, route.path)
        .parameters.filter((parameter) => parameter.in === 'path')
        .map((parameter) => parameter.name);
      expect(declared, keyOf(route)).toEqual(names);
    }
  });

  describe('security', () => {
    it('offers a bearer token scheme (the Authorize button) and the hosted login (authorization code)', () => {
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
      expect(document.components.securitySchemes.hostedLogin).toMatchObject({
        type: 'oauth2',
        flows: { authorizationCode: { authorizationUrl: expect.any(String), tokenUrl: expect.any(String) } },
      });
    });

    it('requires a token on every protected route', () => {
      for (const route of routes.filter((candidate) => PROTECTED.has(candidate.auth))) {
        const { security } = operationOf(route.method, route.path);
        expect(security, keyOf(route)).toContainEqual({ bearer: [] });
        expect(security, keyOf(route)).not.toContainEqual({});
      }
    });

    it('makes the token optional on optional routes', () => {
      const optional = routes.filter((route) => route.auth === 'optional');
      expect(optional.length).toBeGreaterThan(0);
      for (const route of optional) {
        const { security } = operationOf(route.method, route.path);
        expect(security?.slice(0, 2), keyOf(route)).toEqual([{}, { bearer: [] }]);
      }
    });

    it('asks no token on public routes', () => {
      for (const route of routes.filter((candidate) => candidate.auth === 'public')) {
        expect(operationOf(route.method, route.path).security ?? [], keyOf(route)).toEqual([]);
      }
    });

    it('fills in the hosted-login URLs from its base URL', () => {
      const configured = buildOpenApiDocument({ hostedLoginUrl: 'https://shop-dev.auth.eu-west-1.amazoncognito.com/' });
      expect(configured.components.securitySchemes.hostedLogin).toMatchObject({
        flows: {
          authorizationCode: {
            authorizationUrl: 'https://shop-dev.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
            tokenUrl: 'https://shop-dev.auth.eu-west-1.amazoncognito.com/oauth2/token',
          },
        },
      });
      const fromAuthorizeUrl = buildOpenApiDocument({ hostedLoginUrl: 'https://login.example.com/oauth2/authorize' });
      expect(fromAuthorizeUrl.components.securitySchemes.hostedLogin).toMatchObject({
        flows: { authorizationCode: { tokenUrl: 'https://login.example.com/oauth2/token' } },
      });
    });
  });

  describe('problems', () => {
    it('documents every problem as application/problem+json with the Problem schema and the codes of its status', () => {
      for (const route of routes) {
        const operation = operationOf(route.method, route.path);
        for (const [status, codes] of codesOf(operation)) {
          for (const code of codes) expect(problems[code as keyof typeof problems].status, `${keyOf(route)} ${code}`).toBe(status);
          const media = (operation.responses[String(status)]!.content as Record<string, { schema: { allOf: { $ref?: string }[] } }>)[
            'application/problem+json'
          ]!;
          expect(media.schema.allOf[0]).toEqual({ $ref: '#/components/schemas/Problem' });
        }
        for (const status of Object.keys(operation.responses).map(Number).filter((status) => status >= 400)) {
          expect(codesOf(operation).has(status), `${keyOf(route)} ${status} names its codes`).toBe(true);
        }
      }
    });

    it('documents 401 and 403 on every protected route, 401 on optional ones, no 403 on public ones', () => {
      for (const route of routes) {
        const codes = codesOf(operationOf(route.method, route.path));
        if (PROTECTED.has(route.auth)) {
          expect(codes.get(401), keyOf(route)).toContain('unauthorized');
          expect(codes.get(403), keyOf(route)).toContain('forbidden');
        } else if (route.auth === 'optional') {
          expect(codes.get(401), keyOf(route)).toContain('unauthorized');
          expect(codes.has(403), keyOf(route)).toBe(false);
        } else {
          expect(codes.has(403), keyOf(route)).toBe(false);
        }
      }
    });

    it("documents the API Gateway's own 401 body on routes the gateway protects", () => {
      const responses = operationOf('GET', '/v1/me').responses;
      expect(responses['401']!.content).toHaveProperty('application/json');
    });

    it('documents 404 on every route that names a resource in its path', () => {
      for (const route of routes.filter((candidate) => candidate.path.includes('{'))) {
        expect(codesOf(operationOf(route.method, route.path)).get(404), keyOf(route)).toContain('not_found');
      }
    });

    it('documents 400 and 413 on every route with a body, and 400 on every route with a query', () => {
      for (const route of routes) {
        const operation = operationOf(route.method, route.path);
        const codes = codesOf(operation);
        if (operation.requestBody) {
          expect(codes.get(400), keyOf(route)).toContain('validation_failed');
          expect(codes.get(413), keyOf(route)).toContain('payload_too_large');
        }
        if (operation.parameters.some((parameter) => parameter.in === 'query')) expect(codes.get(400), keyOf(route)).toContain('validation_failed');
      }
    });

    it('documents 500 on every route', () => {
      for (const route of routes) expect(codesOf(operationOf(route.method, route.path)).get(500), keyOf(route)).toEqual(['internal_error']);
    });

    it.each([
      ['POST /v1/auth/register', ['email_taken', 'idempotency_key_reused', 'idempotency_in_progress']],
      ['POST /v1/auth/token', ['invalid_credentials']],
      ['POST /v1/auth/refresh', ['invalid_credentials']],
      ['POST /v1/inventory/{itemId}/adjustments', ['insufficient_stock', 'precondition_failed', 'not_found']],
      ['POST /v1/orders', ['unknown_customer', 'idempotency_key_reused', 'forbidden']],
      ['POST /v1/orders/{orderId}/items', ['order_not_editable', 'duplicate_item', 'out_of_stock', 'unknown_item', 'too_many_items', 'precondition_failed']],
      ['PATCH /v1/orders/{orderId}/items/{itemId}', ['order_not_editable', 'precondition_failed']],
      ['DELETE /v1/orders/{orderId}/items/{itemId}', ['order_not_editable', 'precondition_failed']],
      ['POST /v1/orders/{orderId}/submit', ['invalid_transition', 'order_empty']],
      ['POST /v1/orders/{orderId}/approve', ['invalid_transition', 'order_empty', 'insufficient_stock', 'precondition_failed']],
      ['POST /v1/orders/{orderId}/reject', ['invalid_transition']],
      ['POST /v1/orders/{orderId}/cancel', ['invalid_transition']],
      ['GET /docs/assets/{file}', ['not_found']],
      ['POST /v1/notifications/read', ['validation_failed', 'unauthorized', 'forbidden']],
      ['POST /v1/sms/delivery-reports', ['unauthorized', 'validation_failed']],
    ])('%s can answer %j', (key, expected) => {
      const [method, path] = key.split(' ') as [string, string];
      expect(allCodesOf(operationOf(method, path))).toEqual(expect.arrayContaining(expected));
    });

    it('names every code of the contract on some route', () => {
      const named = new Set(routes.flatMap((route) => allCodesOf(operationOf(route.method, route.path))));
      expect([...PROBLEM_CODES].filter((code) => !named.has(code))).toEqual([]);
    });

    it('documents the body limit the handlers enforce', () => {
      expect(DOCUMENTED_BODY_LIMIT).toBe(MAX_BODY_BYTES);
    });
  });

  describe('headers and parameters', () => {
    it('documents Idempotency-Key on the two idempotent POSTs only', () => {
      const idempotent = routes.filter((route) => documentedHeader(operationOf(route.method, route.path), 'IdempotencyKey')).map(keyOf);
      expect(idempotent.sort()).toEqual(['POST /v1/auth/register', 'POST /v1/orders']);
      expect(document.components.parameters.IdempotencyKey).toMatchObject({ in: 'header', schema: { minLength: 1, maxLength: 255 } });
    });

    it('documents If-Match (and 412) on every change of an existing order or inventory item', () => {
      const changes = routes.filter(
        (route) => route.method !== 'GET' && route.path.includes('{') && /^\/v1\/(orders|inventory)\//.test(route.path),
      );
      expect(changes.length).toBeGreaterThan(8);
      for (const route of changes) {
        const operation = operationOf(route.method, route.path);
        expect(documentedHeader(operation, 'IfMatch'), keyOf(route)).toBe(true);
        expect(codesOf(operation).get(412), keyOf(route)).toEqual(['precondition_failed']);
      }
    });

    it('documents the ETag header on single resources', () => {
      for (const key of [
        'GET /v1/orders/{orderId}',
        'POST /v1/orders',
        'POST /v1/orders/{orderId}/approve',
        'GET /v1/inventory/{itemId}',
        'PATCH /v1/inventory/{itemId}',
        'GET /v1/customers/{customerId}',
        'POST /v1/auth/register',
        'PATCH /v1/me',
      ]) {
        const [method, path] = key.split(' ') as [string, string];
        const success = Object.entries(operationOf(method, path).responses).find(([status]) => Number(status) < 300)![1];
        expect(success.headers, key).toHaveProperty('ETag');
      }
    });

    it.each([
      ['GET /v1/orders', ['limit', 'cursor', 'state', 'customerId', 'fulfilment', 'sort']],
      ['GET /v1/inventory', ['limit', 'cursor', 'type', 'state']],
      ['GET /v1/customers', ['limit', 'cursor', 'code', 'q']],
      ['GET /v1/notifications', ['limit', 'cursor']],
    ])('documents the pagination and filters of %s from its query schema', (key, names) => {
      const [method, path] = key.split(' ') as [string, string];
      const query = operationOf(method, path).parameters.filter((parameter) => parameter.in === 'query');
      expect(query.map((parameter) => parameter.name)).toEqual(names);
      expect(query[0]).toMatchObject({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } });
    });

    it('documents the filter values the contract allows', () => {
      const [, , state] = operationOf('GET', '/v1/orders').parameters;
      expect(state!.schema).toEqual({ type: 'string', enum: ['CREATED', 'PENDING', 'APPROVED', 'REJECTED', 'CANCELED'] });
      const named = (name: string) => operationOf('GET', '/v1/orders').parameters.find((parameter) => parameter.name === name);
      expect(named('fulfilment')!.schema).toEqual({ type: 'string', enum: ['PREPARING', 'READY', 'DELIVERED'] });
      expect(named('sort')!.schema).toEqual({ type: 'string', enum: ['newest', 'oldest'], default: 'newest' });
    });
  });

  describe('schemas', () => {
    const validator = documentValidator(document);

    it('documents the request bodies with the limits of the request schemas', () => {
      const { RegisterRequest, PatchInventoryItemRequest } = document.components.schemas as Record<string, { properties: Record<string, object> }>;
      expect(RegisterRequest!.properties.email).toMatchObject({ type: 'string', format: 'email', maxLength: 254 });
      expect(RegisterRequest!.properties.phoneNumber).toMatchObject({ pattern: '^\\+\\d{8,15}$' });
      expect(RegisterRequest!.properties.address).toMatchObject({ type: 'string', maxLength: 250 });
      expect(PatchInventoryItemRequest!.properties.type).toMatchObject({ enum: ['COFFEE', 'TEA', 'JUICE', 'SODA', 'WATER', 'OTHER'] });
      expect(PatchInventoryItemRequest!.properties).not.toHaveProperty('onHand');
    });

    it('keeps stock figures out of the public inventory view', () => {
      const publicItem = validator.component('PublicInventoryItem');
      const employeeItem = readExample('InventoryItem');
      expect(publicItem(employeeItem)).toBe(false);
    });

    it('has examples that validate against their own schemas', () => {
      const failures: string[] = [];
      for (const [name, schema] of Object.entries(document.components.schemas)) {
        for (const example of (schema.examples as unknown[] | undefined) ?? []) {
          const validate = validator.component(name);
          if (!validate(example)) failures.push(`${name}: ${validator.errorsOf(validate)}`);
        }
      }
      for (const route of routes) {
        const operation = operationOf(route.method, route.path);
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const [type, media] of Object.entries((response.content ?? {}) as Record<string, { examples?: Record<string, unknown> }>)) {
            if (!type.includes('json')) continue;
            for (const [exampleName, example] of Object.entries(media.examples ?? {})) {
              const value = resolveExample(example);
              const validate = validator.response(keyOf(route), Number(status), type);
              if (!validate(value)) failures.push(`${keyOf(route)} ${status} ${exampleName}: ${validator.errorsOf(validate)}`);
            }
          }
        }
        const body = operation.requestBody as { content: Record<string, { schema: { $ref: string }; example?: unknown }> } | undefined;
        for (const media of Object.values(body?.content ?? {})) {
          if (media.example === undefined) continue;
          const validate = validator.component(media.schema.$ref.split('/').pop()!);
          if (!validate(media.example)) failures.push(`${keyOf(route)} request: ${validator.errorsOf(validate)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });

  it('is what docs/openapi.json holds (run `npm run openapi` after changing the API)', () => {
    const written: unknown = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(written).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

function readExample(name: string): unknown {
  return (document.components.schemas[name]!.examples as unknown[])[0];
}

function resolveExample(example: unknown): unknown {
  const { $ref, value } = example as { $ref?: string; value?: unknown };
  if (!$ref) return value;
  return (document.components.examples[$ref.split('/').pop()!] as { value: unknown }).value;
}
