import { createHash } from 'node:crypto';
import type { HttpResponse } from '../../platform/responses';
import { docsAssetUrl } from './asset-files';

/*
 * The two HTML pages. Everything they load comes from this service: the viewers from
 * /docs/assets, the document from /v1/openapi.json. The Content-Security-Policy makes that a rule
 * the browser enforces, not just a habit: nothing from another origin loads, except the token
 * exchange with the hosted login when one is configured.
 */

const OPENAPI_URL = '/v1/openapi.json';
const TITLE = 'Beverage Shop Order Service';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** JSON for a <script> element: `<` escaped so that no value can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const scriptHash = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function contentSecurityPolicy(inlineScript?: string): string {
  const hostedLogin = originOf(process.env.HOSTED_LOGIN_URL);
  return [
    "default-src 'none'",
    `script-src 'self'${inlineScript ? ` ${scriptHash(inlineScript)}` : ''}`,
    // Both viewers set styles inline (Redoc through styled-components).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${hostedLogin ? ` ${hostedLogin}` : ''}`,
    // Redoc runs its search index in a worker made from a blob.
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function page(html: string, inlineScript?: string): HttpResponse {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy': contentSecurityPolicy(inlineScript),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body: html,
  };
}

const head = (title: string, stylesheet?: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" type="image/png" sizes="32x32" href="${docsAssetUrl('favicon-32x32.png')}">
${stylesheet ? `<link rel="stylesheet" href="${stylesheet}">\n` : ''}</head>`;

/** Swagger UI: every operation, an Authorize button (bearer token, or the hosted login with PKCE) and "Try it out". */
export function swaggerUiPage(): HttpResponse {
  const clientId = process.env.HOSTED_LOGIN_CLIENT_ID;
  const init = `window.ui = SwaggerUIBundle({
  url: ${scriptJson(OPENAPI_URL)},
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  plugins: [SwaggerUIBundle.plugins.DownloadUrl],
  layout: "StandaloneLayout",
  validatorUrl: null,
  displayRequestDuration: true,
  oauth2RedirectUrl: window.location.origin + ${scriptJson(docsAssetUrl('oauth2-redirect.html').split('?')[0])}
});
window.ui.initOAuth(${scriptJson({ ...(clientId && { clientId }), usePkceWithAuthorizationCodeGrant: true, scopes: ['openid', 'email', 'profile'] })});`;
  return page(
    `${head(`${TITLE} · Swagger UI`, docsAssetUrl('swagger-ui.css'))}
<body>
<div id="swagger-ui"></div>
<script src="${docsAssetUrl('swagger-ui-bundle.js')}"></script>
<script src="${docsAssetUrl('swagger-ui-standalone-preset.js')}"></script>
<script>${init}</script>
</body>
</html>
`,
    init,
  );
}

/** Redoc: the reference, three panels. */
export function redocPage(): HttpResponse {
  return page(`${head(`${TITLE} · Redoc`)}
<body style="margin:0">
<redoc spec-url="${OPENAPI_URL}" required-props-first="true" expand-responses="200,201"></redoc>
<script src="${docsAssetUrl('redoc.standalone.js')}"></script>
</body>
</html>
`);
}
