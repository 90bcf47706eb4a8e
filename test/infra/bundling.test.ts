import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_ASSET_NAMES } from '../../functions/http/docs/asset-files';
import { findRoute } from '../../functions/routes';
import { synthShop } from './synth';

/** The real bundling (local esbuild), for two routes: the health check and the docs assets. */
let bundles: Map<string, string>;
let outdir: string | undefined;

beforeAll(() => {
  const { app, stack } = synthShop({ bundle: true, streamConsumers: [], routes: [findRoute('GET /v1/health'), findRoute('GET /docs/assets/{file}')] });
  const dir = app.outdir;
  outdir = dir;
  const manifest = JSON.parse(readFileSync(join(dir, `${stack.artifactId}.assets.json`), 'utf8')) as {
    files: Record<string, { displayName?: string; source: { path: string } }>;
  };
  bundles = new Map(
    Object.values(manifest.files)
      .filter((file) => file.displayName?.endsWith('/Function/Code'))
      .map((file) => [file.displayName!.split('/').at(-3)!, join(dir, file.source.path)]),
  );
}, 120_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('bundling', () => {
  it('bundles every function as one ESM file with its source map', () => {
    expect([...bundles.keys()].sort()).toEqual(['HttpDocsAsset', 'HttpHealthGet', 'PostConfirmation', 'SmsRetrySweep', 'StaffAlerts']);
    for (const [name, dir] of bundles) {
      expect(existsSync(join(dir, 'index.mjs')), name).toBe(true);
      expect(existsSync(join(dir, 'index.mjs.map')), name).toBe(true);
      expect(existsSync(join(dir, 'node_modules')), name).toBe(false);
    }
  });

  it('produces a bundle that loads and answers (ESM with the require shim)', async () => {
    const code = readFileSync(join(bundles.get('HttpHealthGet')!, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire as __bundleCreateRequire } from 'node:module';")).toBe(true);
    const { handler } = (await import(pathToFileURL(join(bundles.get('HttpHealthGet')!, 'index.mjs')).href)) as {
      handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
    };
    const response = await handler(
      {
        version: '2.0',
        routeKey: 'GET /v1/health',
        rawPath: '/v1/health',
        headers: {},
        requestContext: { http: { method: 'GET', path: '/v1/health' }, requestId: 'bundle-test' },
        isBase64Encoded: false,
      },
      { functionName: 'health', awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 1000 },
    );
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
  });

  it('copies the docs assets beside the docs asset bundle', () => {
    const dir = bundles.get('HttpDocsAsset')!;
    for (const name of DOCS_ASSET_NAMES) expect(existsSync(join(dir, 'assets', name)), name).toBe(true);
  });
});
