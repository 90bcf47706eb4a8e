import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { notFound } from '../../core/errors';
import { DOCS_ASSETS, isCurrentVersion, isDocsAsset, type DocsAssetName } from './asset-files';
import { acceptsGzip, docsHandler, isFresh, notModified, strongEtag } from './respond';

/** Next to the bundle in AWS (index.mjs and assets/ in the function's folder); absent in the local stack. */
const BUNDLED_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
const requireFromHere = createRequire(import.meta.url);

interface LoadedAsset {
  raw: Buffer;
  etag: string;
  gzip?: { body: Buffer; etag: string };
}

const loaded = new Map<DocsAssetName, LoadedAsset>();

/** Only names of the allow-list reach this: the path is built from a fixed list, never from the request. */
function pathOf(name: DocsAssetName): string {
  const bundled = join(BUNDLED_DIR, name);
  if (existsSync(bundled)) return bundled;
  const asset = DOCS_ASSETS[name];
  return join(dirname(requireFromHere.resolve(`${asset.package}/package.json`)), asset.path);
}

function load(name: DocsAssetName): LoadedAsset {
  let asset = loaded.get(name);
  if (!asset) {
    const raw = readFileSync(pathOf(name));
    const etag = strongEtag(raw);
    // Text shrinks to about a third; the bundle is read once per container, and so compressed once.
    const gzip = 'binary' in DOCS_ASSETS[name] ? undefined : { body: gzipSync(raw, { level: 9 }), etag: `${etag.slice(0, -1)}-gzip"` };
    asset = { raw, etag, gzip };
    loaded.set(name, asset);
  }
  return asset;
}

export const handler = docsHandler((event) => {
  const name = event.pathParameters?.file;
  if (!isDocsAsset(name)) throw notFound('file');
  const asset = load(name);
  const gzip = asset.gzip && acceptsGzip(event) ? asset.gzip : undefined;
  const etag = gzip?.etag ?? asset.etag;
  const headers: Record<string, string> = {
    'cache-control': isCurrentVersion(name, event.queryStringParameters?.v)
      ? 'public, max-age=31536000, immutable'
      : 'public, max-age=3600',
    etag,
    'x-content-type-options': 'nosniff',
    ...(asset.gzip && { vary: 'accept-encoding' }),
  };
  if (isFresh(event, etag)) return notModified(headers);
  const contentType = DOCS_ASSETS[name].contentType;
  if (gzip) {
    return {
      statusCode: 200,
      headers: { 'content-type': contentType, 'content-encoding': 'gzip', ...headers },
      body: gzip.body.toString('base64'),
      isBase64Encoded: true,
    };
  }
  const binary = 'binary' in DOCS_ASSETS[name];
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, ...headers },
    body: binary ? asset.raw.toString('base64') : asset.raw.toString('utf8'),
    isBase64Encoded: binary,
  };
});
