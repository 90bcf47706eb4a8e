import type { RouteDeclaration } from '../../route-declaration';

const htmlPage = { status: 200, description: 'An HTML page.', content: { 'text/html': { schema: { type: 'string' } } } } as const;

// Static content, no table; the pages and the document name the hosted login.

export const docsOpenapiRoute = {
  method: 'GET',
  path: '/v1/openapi.json',
  handler: 'http/docs/openapi',
  auth: 'public',
  data: { hostedLogin: true },
  summary: 'This OpenAPI 3.1 document',
  description: 'Generated from the same zod schemas that validate the requests.',
  success: {
    status: 200,
    description: 'The OpenAPI document.',
    content: { 'application/json': { schema: { type: 'object', description: 'An OpenAPI 3.1 document.' } } },
    headers: { ETag: { description: 'A hash of the document; send it in If-None-Match to get a 304.', schema: { type: 'string' } } },
  },
} as const satisfies RouteDeclaration;

export const docsSwaggerUiRoute = {
  method: 'GET',
  path: '/docs',
  handler: 'http/docs/swagger-ui',
  auth: 'public',
  data: { hostedLogin: true },
  summary: 'Swagger UI',
  description: 'Interactive documentation with an Authorize button (bearer token or hosted login). Served by the service; no CDN.',
  success: htmlPage,
} as const satisfies RouteDeclaration;

export const docsRedocRoute = {
  method: 'GET',
  path: '/redoc',
  handler: 'http/docs/redoc',
  auth: 'public',
  data: { hostedLogin: true },
  summary: 'Redoc',
  description: 'Reference documentation. Served by the service; no CDN.',
  success: htmlPage,
} as const satisfies RouteDeclaration;

export const docsAssetRoute = {
  method: 'GET',
  path: '/docs/assets/{file}',
  handler: 'http/docs/asset',
  auth: 'public',
  data: {},
  summary: 'A file of Swagger UI or Redoc',
  description: 'Serves a fixed list of files from the swagger-ui-dist and redoc packages; anything else is a 404.',
  success: {
    status: 200,
    description: 'The file. Versioned URLs (`?v=<package version>`) may be cached for a year.',
    content: {
      'text/css': { schema: { type: 'string' } },
      'text/javascript': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
      'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
    },
    headers: {
      'Cache-Control': { description: 'Public; immutable for versioned URLs.', schema: { type: 'string' } },
      ETag: { description: 'A hash of the file; send it in If-None-Match to get a 304.', schema: { type: 'string' } },
    },
  },
  problems: ['not_found'],
  resource: 'file',
} as const satisfies RouteDeclaration;

export const docsRoutes = [docsOpenapiRoute, docsSwaggerUiRoute, docsRedocRoute, docsAssetRoute] as const;
