import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { handler as asset } from '../../functions/http/docs/asset';
import {
  DOCS_ASSET_NAMES,
  DOCS_ASSETS,
  docsAssetCopies,
  REDOC_VERSION,
  SWAGGER_UI_VERSION,
} from '../../functions/http/docs/asset-files';
import { handler as openapi } from '../../functions/http/docs/openapi';
import { handler as redoc } from '../../functions/http/docs/redoc';
import { handler as swaggerUi } from '../../functions/http/docs/swagger-ui';
import type { DocsEvent } from '../../functions/http/docs/respond';
import { buildOpenApiDocument } from '../../functions/openapi/document';
import { esbuildOptions } from '../../lib/constructs/service-function';

const requireHere = createRequire(import.meta.url);
const packageFile = (name: keyof typeof DOCS_ASSETS) =>
  requireHere.resolve(`${DOCS_ASSETS[name].package}/${DOCS_ASSETS[name].path}`);

const event = (options: { file?: string; headers?: Record<string, string>; v?: string } = {}): DocsEvent => ({
  headers: options.headers ?? {},
  pathParameters: options.file === undefined ? undefined : { file: options.file },
  queryStringParameters: options.v === undefined ? undefined : { v: options.v },
});

const bodyOf = (response: { body?: string; isBase64Encoded?: boolean; headers?: Record<string, unknown> }) => {
  const raw = Buffer.from(response.body ?? '', response.isBase64Encoded ? 'base64' : 'utf8');
  return response.headers?.['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
};

describe('GET /docs/assets/{file}', () => {
  it('serves every file of the allow-list with its content type, byte for byte', async () => {
    for (const name of DOCS_ASSET_NAMES) {
      const response = await asset(event({ file: name }));
      expect(response.statusCode, name).toBe(200);
      expect(response.headers?.['content-type']).toBe(DOCS_ASSETS[name].contentType);
      expect(response.headers?.['x-content-type-options']).toBe('nosniff');
      expect(bodyOf(response).equals(readFileSync(packageFile(name))), name).toBe(true);
    }
  });

  it('serves the PNG base64-encoded', async () => {
    const response = await asset(event({ file: 'favicon-32x32.png' }));
    expect(response.isBase64Encoded).toBe(true);
    expect(bodyOf(response).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });

  it('compresses text for clients that accept gzip, and only for them', async () => {
    const plain = await asset(event({ file: 'swagger-ui-bundle.js', headers: { 'accept-encoding': 'gzip;q=0, br' } }));
    expect(plain.headers?.['content-encoding']).toBeUndefined();
    expect(plain.isBase64Encoded).toBe(false);
    const gzipped = await asset(event({ file: 'swagger-ui-bundle.js', headers: { 'accept-encoding': 'gzip, deflate, br' } }));
    expect(gzipped.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'accept-encoding' });
    expect(gzipped.body!.length).toBeLessThan(plain.body!.length / 2);
    expect(bodyOf(gzipped).toString('utf8')).toBe(plain.body);
    expect(gzipped.headers?.etag).not.toBe(plain.headers?.etag);
  });

  it('lets versioned URLs be cached for good and unversioned ones for an hour', async () => {
    const versioned = await asset(event({ file: 'swagger-ui.css', v: SWAGGER_UI_VERSION }));
    expect(versioned.headers?.['cache-control']).toBe('public, max-age=31536000, immutable');
    const redocVersioned = await asset(event({ file: 'redoc.standalone.js', v: REDOC_VERSION }));
    expect(redocVersioned.headers?.['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const v of [undefined, '0.0.1']) {
      expect((await asset(event({ file: 'swagger-ui.css', v }))).headers?.['cache-control']).toBe('public, max-age=3600');
    }
  });

  it('answers 304 to a client that holds the current file', async () => {
    const first = await asset(event({ file: 'swagger-ui.css' }));
    const again = await asset(event({ file: 'swagger-ui.css', headers: { 'if-none-match': String(first.headers?.etag) } }));
    expect(again.statusCode).toBe(304);
    expect(again.body).toBeUndefined();
    const stale = await asset(event({ file: 'swagger-ui.css', headers: { 'if-none-match': '"something-else"' } }));
    expect(stale.statusCode).toBe(200);
  });

  it.each([
    '../package.json',
    '..%2Fpackage.json',
    '/etc/passwd',
    'index.html',
    'swagger-ui.js',
    'swagger-ui-bundle.js.map',
    'bundles/redoc.standalone.js',
    '__proto__',
    'constructor',
    'toString',
    '',
  ])('answers 404 problem+json to %j', async (file) => {
    const response = await asset(event({ file }));
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body!)).toMatchObject({ status: 404, code: 'not_found', detail: 'The file does not exist.' });
  });

  it('answers 404 without a file parameter', async () => {
    expect((await asset(event())).statusCode).toBe(404);
  });

  it('pins the versions of the packages it serves', () => {
    expect(requireHere('swagger-ui-dist/package.json').version).toBe(SWAGGER_UI_VERSION);
    expect(requireHere('redoc/package.json').version).toBe(REDOC_VERSION);
  });

  describe('bundled as in AWS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-asset-bundle-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads the files from the assets/ folder next to the bundle, with no node_modules in reach', async () => {
      await build({
        ...esbuildOptions,
        entryPoints: [new URL('../../functions/http/docs/asset.ts', import.meta.url).pathname],
        outfile: join(dir, 'index.mjs'),
        logLevel: 'silent',
      });
      // What the CDK bundling does: copy each file of the list into assets/.
      mkdirSync(join(dir, 'assets'));
      for (const { source, target } of docsAssetCopies()) copyFileSync(requireHere.resolve(source), join(dir, target));
      writeFileSync(join(dir, 'assets', 'swagger-ui.css'), '/* the bundled copy */');

      const bundled = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as { handler: typeof asset };
      const css = await bundled.handler(event({ file: 'swagger-ui.css' }));
      expect(css.statusCode).toBe(200);
      expect(css.body).toBe('/* the bundled copy */');
      for (const name of DOCS_ASSET_NAMES) expect((await bundled.handler(event({ file: name }))).statusCode, name).toBe(200);
      expect((await bundled.handler(event({ file: '../index.mjs' }))).statusCode).toBe(404);
    });
  });
});

describe('GET /v1/openapi.json', () => {
  it('serves the document', async () => {
    const response = await openapi(event());
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body!)).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it('compresses it for clients that accept gzip and answers 304 to a current copy', async () => {
    const gzipped = await openapi(event({ headers: { 'accept-encoding': 'gzip' } }));
    expect(JSON.parse(bodyOf(gzipped).toString('utf8'))).toMatchObject({ openapi: '3.1.0' });
    const again = await openapi(event({ headers: { 'accept-encoding': 'gzip', 'if-none-match': String(gzipped.headers?.etag) } }));
    expect(again.statusCode).toBe(304);
  });
});

describe('the docs pages', () => {
  const pages = [
    ['GET /docs', swaggerUi],
    ['GET /redoc', redoc],
  ] as const;

  it.each(pages)('%s is HTML that loads nothing but this service’s own files', async (_route, page) => {
    const response = await page(event());
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body!;
    expect(html).not.toMatch(/(src|href)\s*=\s*"(https?:)?\/\//);
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      const [path, query] = url.split('?') as [string, string | undefined];
      expect(path, url).toMatch(/^\/docs\/assets\/[\w.-]+$/);
      const file = path.split('/').pop()!;
      expect(DOCS_ASSET_NAMES, url).toContain(file);
      const served = await asset(event({ file, v: new URLSearchParams(query).get('v') ?? undefined }));
      expect(served.headers?.['cache-control'], url).toContain('immutable');
    }
    expect(html).toContain('/v1/openapi.json');
  });

  it.each(pages)('%s has a Content-Security-Policy that allows only this origin', async (_route, page) => {
    const response = await page(event());
    const csp = String(response.headers?.['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'self'( 'sha256-[\w+/=]+')?;/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
  });

  it('allows exactly the inline script of the Swagger UI page by its hash', async () => {
    const response = await swaggerUi(event());
    const [, script] = /<script>([\s\S]*?)<\/script>/.exec(response.body!)!;
    const hash = createHash('sha256').update(script!).digest('base64');
    expect(response.headers?.['content-security-policy']).toContain(`'sha256-${hash}'`);
    expect(script).toContain('validatorUrl: null');
    expect(script).toContain('usePkceWithAuthorizationCodeGrant');
  });
});
