import { gzipSync } from 'node:zlib';
import { buildOpenApiDocument } from '../../openapi/document';
import { acceptsGzip, docsHandler, isFresh, notModified, strongEtag } from './respond';

interface Rendered {
  body: string;
  etag: string;
  gzip: { body: string; etag: string };
}

let rendered: Rendered | undefined;

/** Built once per container from the schemas bundled with it: the document always matches the deployed code. */
function render(): Rendered {
  const body = JSON.stringify(buildOpenApiDocument({ hostedLoginUrl: process.env.HOSTED_LOGIN_URL || undefined }));
  const etag = strongEtag(body);
  return { body, etag, gzip: { body: gzipSync(body).toString('base64'), etag: `${etag.slice(0, -1)}-gzip"` } };
}

export const handler = docsHandler((event) => {
  const document = (rendered ??= render());
  const gzip = acceptsGzip(event);
  const etag = gzip ? document.gzip.etag : document.etag;
  // Public and harmless to share: code generators and online viewers may fetch it from anywhere.
  const headers = { 'cache-control': 'no-cache', etag, vary: 'accept-encoding', 'access-control-allow-origin': '*' };
  if (isFresh(event, etag)) return notModified(headers);
  const contentType = { 'content-type': 'application/json; charset=utf-8' };
  if (!gzip) return { statusCode: 200, headers: { ...contentType, ...headers }, body: document.body };
  return {
    statusCode: 200,
    headers: { ...contentType, 'content-encoding': 'gzip', ...headers },
    body: document.gzip.body,
    isBase64Encoded: true,
  };
});
