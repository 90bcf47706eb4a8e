/**
 * The console's security headers, the same locally (lib/local/console-server.ts) and behind
 * CloudFront (lib/constructs/console.ts): only its own files, no inline script or style, no
 * framing, and requests only to itself and to `connectSources` (the API and the token endpoint).
 */
export function consoleContentSecurityPolicy(connectSources: readonly string[]): string {
  return [
    "default-src 'self'",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}
