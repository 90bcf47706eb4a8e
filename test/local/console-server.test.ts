import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consoleEndpoint, localConsoleConfig } from '../../lib/local/console-server';
import { parseConsoleConfig } from '../../web/src/config-shape';

const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'console-outside.txt'), 'secret');
const config = localConsoleConfig({ apiUrl: 'http://127.0.0.1:3000', cognitoEndpoint: 'http://localhost:9229', userPoolId: 'local_pool', webClientId: 'web-client' });
const serve = consoleEndpoint({ distDir: dist, config, tokenOrigin: 'http://localhost:9229' });
const unbuilt = consoleEndpoint({ distDir: join(dist, 'missing'), config, tokenOrigin: 'http://localhost:9229' });

afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('the console on the local gateway', () => {
  it('leaves every other path to the route table', async () => {
    expect(await serve('GET', '/v1/health')).toBeUndefined();
    expect(await serve('GET', '/consoles')).toBeUndefined();
  });

  it('answers config.json with the emulator as hosted login, a config the app accepts, never cached', async () => {
    const answer = (await serve('GET', '/console/config.json'))!;
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(answer.body.toString());
    expect(body).toEqual({
      apiUrl: 'http://127.0.0.1:3000',
      clientId: 'web-client',
      issuer: 'http://localhost:9229/local_pool',
      authorizationEndpoint: 'http://localhost:9229/oauth2/authorize',
      tokenEndpoint: 'http://localhost:9229/oauth2/token',
      logoutEndpoint: null,
    });
    expect(parseConsoleConfig(body)).toEqual(body);
  });

  it('serves index.html for /console/ and for every page path, with the CSP', async () => {
    for (const path of ['/console/', '/console/orders/01ABC', '/console/callback']) {
      const answer = (await serve('GET', path))!;
      expect(answer.statusCode, path).toBe(200);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.body.toString()).toContain('<title>console</title>');
      expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
      expect(answer.headers['content-security-policy']).toContain("connect-src 'self' http://localhost:9229");
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('redirects /console to /console/', async () => {
    expect(await serve('GET', '/console')).toMatchObject({ statusCode: 301, headers: { location: '/console/' } });
  });

  it('serves hashed assets for a year, and a missing asset is a 404, not the page', async () => {
    const asset = (await serve('GET', '/console/assets/index-abc.js'))!;
    expect(asset).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' } });
    expect((await serve('GET', '/console/assets/gone.js'))!.statusCode).toBe(404);
  });

  it('never serves a file outside the build', async () => {
    for (const path of ['/console/../console-outside.txt', '/console/%2e%2e/console-outside.txt', '/console/..%2fconsole-outside.txt']) {
      const answer = (await serve('GET', path))!;
      expect(answer.body.toString(), path).not.toContain('secret');
    }
  });

  it('answers a malformed escape with a 404', async () => {
    expect((await serve('GET', '/console/%E0%A4%A'))!.statusCode).toBe(404);
  });

  it('refuses writes', async () => {
    expect(await serve('POST', '/console/config.json')).toMatchObject({ statusCode: 405, headers: { allow: 'GET, HEAD' } });
  });

  it('says how to build it when there is no build', async () => {
    const answer = (await unbuilt('GET', '/console/'))!;
    expect(answer.statusCode).toBe(503);
    expect(answer.body.toString()).toContain('npm run console:build');
  });
});
