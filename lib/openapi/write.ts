import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from '../../functions/openapi/document';

/**
 * `npm run openapi`: writes the document GET /v1/openapi.json serves to docs/openapi.json, for
 * client generation. HOSTED_LOGIN_URL, when set, fills in the hosted-login OAuth2 URLs.
 */
const target = fileURLToPath(new URL('../../docs/openapi.json', import.meta.url));
const document = buildOpenApiDocument({ hostedLoginUrl: process.env.HOSTED_LOGIN_URL || undefined });
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
const operations = Object.values(document.paths).reduce((count, item) => count + Object.keys(item).length, 0);
console.log(`Wrote ${relative(process.cwd(), target)}: OpenAPI ${document.openapi}, ${operations} operations`);
