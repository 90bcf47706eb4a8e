import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tableAccessOf, type DataAccess } from '../functions/route-declaration';
import { routeKey, routes } from '../functions/routes';
import { buildOpenApiDocument } from '../functions/openapi/document';
import { esbuildOptions } from '../lib/constructs/service-function';
import { accessFor } from '../lib/constructs/route-access';
import { routeMatcher } from '../lib/local/gateway/route-matcher';
import { synthShop } from './infra/synth';

/*
 * Each route is one declaration (functions/http/<resource>/routes.ts); the CDK stack, the local
 * gateway and the OpenAPI document are derived from the list. These checks prove each derived
 * view complete: no route without a handler, a function, grants or docs, and no orphan of any.
 */

const FUNCTIONS_DIR = join(import.meta.dirname, '../functions');
const keys = routes.map(routeKey);

/** Every module under functions/http/ that exports a Lambda handler. */
function handlerModules(): string[] {
  const http = join(FUNCTIONS_DIR, 'http');
  return readdirSync(http).flatMap((resource) =>
    readdirSync(join(http, resource))
      .filter((file) => /^export const handler\b/m.test(readFileSync(join(http, resource, file), 'utf8')))
      .map((file) => `http/${resource}/${file.replace(/\.ts$/, '')}`),
  );
}

describe('the route declarations', () => {
  it('name each method and path once, and each handler module once', () => {
    expect(new Set(keys).size).toBe(routes.length);
    expect(new Set(routes.map((route) => route.handler)).size).toBe(routes.length);
  });

  it('point at handler modules that export a handler, and every handler module has a route', async () => {
    for (const route of routes) {
      const module = (await import(join(FUNCTIONS_DIR, `${route.handler}.ts`))) as { handler?: unknown };
      expect(typeof module.handler, route.handler).toBe('function');
    }
    expect(handlerModules().sort()).toEqual(routes.map((route) => route.handler).sort());
  });

  it('are each one operation of the OpenAPI document, and the document has no other', () => {
    const document = buildOpenApiDocument();
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...keys].sort());
    for (const route of routes) expect(document.paths[route.path]![route.method.toLowerCase()]!.summary, routeKey(route)).toBe(route.summary);
  });

  it('are each served by the local gateway at their own path', () => {
    const match = routeMatcher(routes);
    for (const route of routes) {
      const found = match(route.method, route.path.replace(/\{\w+\}/g, 'x'));
      expect(found.kind === 'route' && routeKey(found.route), routeKey(route)).toBe(routeKey(route));
    }
  });

  it('are each one function of the CDK stack with the table access they declare, and the stack has no other route', () => {
    const { stack } = synthShop();
    expect([...stack.api.functions.keys()].sort()).toEqual([...keys].sort());
    expect([...stack.api.routes.keys()].sort()).toEqual([...keys].sort());
    for (const route of routes) {
      const { actions, queriedIndexes } = accessFor(route).table;
      expect(actions.length + queriedIndexes.length > 0, routeKey(route)).toBe(tableAccessOf(route) !== 'none');
    }
  });

  it('declare no writes or deletes on a GET', () => {
    for (const route of routes) {
      const data: DataAccess = route.data;
      if (route.method === 'GET') expect([...(data.writes ?? []), ...(data.deletes ?? [])], routeKey(route)).toEqual([]);
    }
  });

  it("leave a handler's bundle with its own declaration and schemas only", async () => {
    // GET /v1/customers/{customerId} takes no input; its neighbour GET /v1/customers has a query schema.
    const result = await build({
      ...esbuildOptions,
      entryPoints: [join(FUNCTIONS_DIR, 'http/customers/get.ts')],
      outfile: '/dev/null/get.mjs',
      write: false,
      metafile: true,
      sourcemap: false,
    });
    const inputs = Object.values(result.metafile.outputs).find((output) => output.entryPoint)!.inputs;
    const bytesOf = (pattern: RegExp) => Object.entries(inputs).filter(([file]) => pattern.test(file)).reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
    expect(bytesOf(/node_modules\/zod\//)).toBe(0);
    expect(bytesOf(/functions\/http\/customers\/schemas\.ts$/)).toBe(0);
    const bundle = result.outputFiles.find((file) => file.path.endsWith('.mjs'))!.text;
    expect(bundle).toContain('"/v1/customers/{customerId}"');
    expect(bundle).not.toContain('List customers');
  });
});
