/**
 * The only files GET /docs/assets/{file} serves: Swagger UI and Redoc, from their npm packages.
 * In AWS they sit in an `assets/` folder next to the function's bundle (the CDK bundling copies
 * them there under these names); in the local stack they are read from node_modules.
 */
export const SWAGGER_UI_VERSION = '5.35.0';
export const REDOC_VERSION = '2.5.4';

export interface DocsAsset {
  /** The npm package it comes from, and its path inside that package. */
  package: 'swagger-ui-dist' | 'redoc';
  path: string;
  contentType: string;
  binary?: boolean;
}

const TEXT_JS = 'text/javascript; charset=utf-8';

export const DOCS_ASSETS = {
  'swagger-ui.css': { package: 'swagger-ui-dist', path: 'swagger-ui.css', contentType: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { package: 'swagger-ui-dist', path: 'swagger-ui-bundle.js', contentType: TEXT_JS },
  'swagger-ui-standalone-preset.js': { package: 'swagger-ui-dist', path: 'swagger-ui-standalone-preset.js', contentType: TEXT_JS },
  'favicon-32x32.png': { package: 'swagger-ui-dist', path: 'favicon-32x32.png', contentType: 'image/png', binary: true },
  /** Swagger UI's landing page for the hosted-login (OAuth2 authorization code) redirect. */
  'oauth2-redirect.html': { package: 'swagger-ui-dist', path: 'oauth2-redirect.html', contentType: 'text/html; charset=utf-8' },
  'oauth2-redirect.js': { package: 'swagger-ui-dist', path: 'oauth2-redirect.js', contentType: TEXT_JS },
  'redoc.standalone.js': { package: 'redoc', path: 'bundles/redoc.standalone.js', contentType: TEXT_JS },
} as const satisfies Record<string, DocsAsset>;

export type DocsAssetName = keyof typeof DOCS_ASSETS;

export const DOCS_ASSET_NAMES = Object.keys(DOCS_ASSETS) as DocsAssetName[];

export const isDocsAsset = (name: string | undefined): name is DocsAssetName =>
  name !== undefined && Object.prototype.hasOwnProperty.call(DOCS_ASSETS, name);

const versionOf = (asset: DocsAsset) => (asset.package === 'redoc' ? REDOC_VERSION : SWAGGER_UI_VERSION);

/** The URL pages use: versioned, so that a new package version is a new URL and the old one may be cached for good. */
export const docsAssetUrl = (name: DocsAssetName) => `/docs/assets/${name}?v=${versionOf(DOCS_ASSETS[name])}`;

export const isCurrentVersion = (name: DocsAssetName, version: string | undefined) => version === versionOf(DOCS_ASSETS[name]);

/**
 * What the bundling of the asset function copies next to its bundle: each file from node_modules
 * (`source`, package-relative) to `target` in the bundle's folder.
 */
export const docsAssetCopies = () =>
  DOCS_ASSET_NAMES.map((name) => ({ source: `${DOCS_ASSETS[name].package}/${DOCS_ASSETS[name].path}`, target: `assets/${name}` }));
