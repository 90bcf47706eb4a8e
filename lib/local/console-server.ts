import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONSOLE_BASE_PATH, type ConsoleConfig } from '../../web/src/config-shape';
import { consoleContentSecurityPolicy } from '../console/security-headers';
import { problem, type GatewayResponse } from './gateway/problem';
import type { LocalEndpoint } from './gateway/server';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** The console's configuration on the local stack: the gateway is the API, cognito-local the hosted login. */
export function localConsoleConfig(input: { apiUrl: string; cognitoEndpoint: string; userPoolId: string; webClientId: string }): ConsoleConfig {
  return {
    apiUrl: input.apiUrl,
    clientId: input.webClientId,
    issuer: `${input.cognitoEndpoint}/${input.userPoolId}`,
    authorizationEndpoint: `${input.cognitoEndpoint}/oauth2/authorize`,
    tokenEndpoint: `${input.cognitoEndpoint}/oauth2/token`,
    // cognito-local has no /logout: signing out clears the console's session only.
    logoutEndpoint: null,
  };
}

/** The same policy CloudFront sends (lib/constructs/console.ts), with the emulator as the token endpoint. */
export function consoleSecurityHeaders(tokenOrigin: string): Record<string, string> {
  return {
    'content-security-policy': consoleContentSecurityPolicy([tokenOrigin]),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
  };
}

const html = (statusCode: number, text: string): GatewayResponse => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  body: Buffer.from(`<!doctype html><meta charset="utf-8"><title>Employee console</title><p>${text}</p>`),
});

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * GET /console/… on the local gateway: config.json, the built files of web/dist (hashed assets
 * cached for a year, the rest revalidated) and index.html for every other page path (the app
 * routes in the browser). Without a build it says how to make one.
 */
export function consoleEndpoint(options: { distDir: string; config: ConsoleConfig; tokenOrigin: string }): LocalEndpoint {
  const security = consoleSecurityHeaders(options.tokenOrigin);
  const withSecurity = (response: GatewayResponse): GatewayResponse => ({ ...response, headers: { ...security, ...response.headers } });

  return async (method, path) => {
    if (path !== CONSOLE_BASE_PATH.slice(0, -1) && !path.startsWith(CONSOLE_BASE_PATH)) return undefined;
    if (method !== 'GET' && method !== 'HEAD') return problem(405, 'method_not_allowed', `${method} is not allowed on ${path}.`, { allow: 'GET, HEAD' });
    if (!path.startsWith(CONSOLE_BASE_PATH)) return { statusCode: 301, headers: { location: CONSOLE_BASE_PATH }, body: Buffer.alloc(0) };
    const relative = decoded(path.slice(CONSOLE_BASE_PATH.length));
    if (relative === undefined) return problem(404, 'not_found', `No file ${path}.`);
    if (relative === 'config.json') {
      return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: Buffer.from(JSON.stringify(options.config)) };
    }
    const file = normalize(join(options.distDir, relative));
    if (relative !== '' && !file.startsWith(options.distDir + sep)) return problem(404, 'not_found', `No file ${path}.`);
    const content = relative === '' ? undefined : await readIfPresent(file);
    if (content) {
      const immutable = relative.startsWith('assets/');
      return withSecurity({
        statusCode: 200,
        headers: { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' },
        body: content,
      });
    }
    // A missing asset is a 404; any other path is a page of the app.
    if (relative.startsWith('assets/')) return problem(404, 'not_found', `No file ${path}.`);
    const index = await readIfPresent(join(options.distDir, 'index.html'));
    if (!index) return html(503, 'The console is not built yet: run <code>npm run console:build</code> (npm start does it) and reload.');
    return withSecurity({ statusCode: 200, headers: { 'content-type': CONTENT_TYPES['.html']!, 'cache-control': 'no-cache' }, body: index });
  };
}
