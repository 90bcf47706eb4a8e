import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes';
import { DEMO_EMPLOYEE } from '../../lib/local/seed';
import { startLocalStack, type LocalStack } from '../../lib/local/stack';

/**
 * /docs and /redoc in a real headless Chromium (Debian's, driven by playwright-core) against the
 * real local stack: the operations are listed, Authorize takes a real access token of the demo
 * employee from the Cognito emulator (POST /v1/auth/token), "Try it out" runs GET /v1/me with it, and nothing is loaded from anywhere but the service.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the browser test: ${CHROMIUM} is missing (apt-get install -y chromium installs it).`);


describe.skipIf(!hasChromium)('the API docs in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'docs-browser-'));
  const stackLog: string[] = [];
  const logged = () => `\n--- local stack log ---\n${stackLog.join('\n')}`;
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;
  let accessToken: string;

  beforeAll(async () => {
    const starting = startLocalStack({
      dataDir,
      port: 0,
      dynamodbPort: 0,
      cognitoPort: 0,
      lambdaPort: 0,
      // The demo employee, created in the Cognito emulator the way `npm start` does it.
      seed: true,
      logLevel: 'ERROR',
      log: (message, error) => stackLog.push(error === undefined ? message : `${message}: ${(error as Error)?.stack ?? String(error)}`),
    });
    const launching = chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    [stack, browser] = await Promise.all([starting, launching]);

    const tokens = await fetch(`${stack.url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_EMPLOYEE.email, password: DEMO_EMPLOYEE.password }),
    });
    expect(tokens.status, (await tokens.clone().text()) + logged()).toBe(200);
    ({ accessToken } = (await tokens.json()) as { accessToken: string });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * A page that records its requests and errors. Every request that would leave the service's
   * origin is recorded as a leak and aborted: a request the page's CSP blocks never gets that far.
   */
  async function open(path: string): Promise<{ page: Page; requests: string[]; leaks: string[]; problems: string[] }> {
    const page = await browser!.newPage();
    page.setDefaultTimeout(15_000);
    const requests: string[] = [];
    const leaks: string[] = [];
    const problems: string[] = [];
    await page.route(
      (url) => url.origin !== new URL(stack!.url).origin,
      (route) => {
        leaks.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    const response = await page.goto(`${stack!.url}${path}`);
    expect(response?.status()).toBe(200);
    return { page, requests, leaks, problems };
  }

  it('Swagger UI lists the operations, and runs GET /v1/me: 401 until Authorize takes a bearer token, then 200', async () => {
    const { page, requests, leaks, problems } = await open('/docs');
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.opblock').count()).toBe(routes.length);
    await expect.poll(() => page.locator('#operations-Orders-ordersApprove').count()).toBe(1);

    const me = page.locator('#operations-Me-meGet');
    await me.locator('.opblock-summary-control').click();
    await me.locator('button.try-out__btn').click();
    const execute = async () => {
      const answered = page.waitForResponse((response) => response.url() === `${stack!.url}/v1/me`);
      await me.locator('button.execute').click();
      return answered;
    };
    // Not authorized yet: the gateway refuses the request.
    expect((await execute()).status()).toBe(401);

    await page.locator('.scheme-container button.authorize').click();
    const bearer = page.locator('.modal-ux .auth-container').filter({ hasText: '(http, Bearer)' });
    await bearer.locator('input').fill(accessToken);
    await bearer.locator('button.authorize').click();
    await expect.poll(() => bearer.locator('button', { hasText: 'Logout' }).count()).toBe(1);
    await bearer.locator('button.btn-done').click();

    const response = await execute();
    expect(response.status(), logged()).toBe(200);
    expect(response.request().headers().authorization).toBe(`Bearer ${accessToken}`);
    expect(await response.json()).toMatchObject({ email: DEMO_EMPLOYEE.email, role: 'employee' });
    const status = me.locator('.live-responses-table .response .response-col_status').first();
    await expect.poll(() => status.textContent()).toContain('200');
    await expect.poll(() => me.locator('.live-responses-table').textContent()).toContain(DEMO_EMPLOYEE.email);

    expect(requests).toContain(`${stack!.url}/v1/openapi.json`);
    expect(leaks).toEqual([]);
    // The browser reports the deliberate 401 above; nothing else may go wrong.
    expect(problems).toEqual(['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    await page.close();
  }, 90_000);

  it('Swagger UI offers the hosted login (OAuth2 authorization code) next to the bearer token', async () => {
    const { page } = await open('/docs');
    await page.locator('.scheme-container button.authorize').click();
    const oauth = page.locator('.modal-ux .auth-container').filter({ hasText: 'authorizationCode' });
    await expect.poll(() => oauth.count()).toBe(1);
    await page.close();
  }, 60_000);

  it('Redoc renders the operations', async () => {
    const { page, requests, leaks, problems } = await open('/redoc');
    await page.locator('[data-section-id^="operation/"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-section-id^="operation/"]').count()).toBe(routes.length);
    await expect.poll(() => page.locator('[data-section-id="operation/meGet"] h2').textContent()).toMatch(/^The signed-in user\s*$/);
    expect(requests).toContain(`${stack!.url}/v1/openapi.json`);
    expect(leaks).toEqual([]);
    // Redoc's sidebar footer shows its vendor's logo from a CDN; the page's CSP refuses it (Redoc then hides it).
    const redocLogo = /image 'https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg' violates the following Content Security Policy/;
    expect(problems.filter((problem) => !redocLogo.test(problem))).toEqual([]);
    await page.close();
  }, 60_000);
});
