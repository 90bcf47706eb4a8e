import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from '../../lib/console/build';
import { PROJECT_ROOT } from '../../lib/local/paths';
import { DEMO_EMPLOYEE } from '../../lib/local/seed';
import { startLocalStack, type LocalStack } from '../../lib/local/stack';

/**
 * The employee console in Debian's Chromium on the real local stack: the hosted login of the
 * Cognito emulator (code + PKCE), then an employee's morning, with a screenshot of each page in
 * test-results/console/. A customer who signs in sees the employees-only page.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the console browser test: ${CHROMIUM} is missing (apt-get install -y chromium installs it).`);

const SHOTS = join(PROJECT_ROOT, 'test-results', 'console');
const CUSTOMER = { email: 'ann.console@example.com', password: 'Secret123', name: 'Ann Wanjiru', phoneNumber: '+254700000123' };
/** Another customer, so that a search can be seen to leave someone out. */
const OTHER_CUSTOMER = { email: 'brian.console@example.com', password: 'Secret123', name: 'Brian Otieno', phoneNumber: '+254711000999' };
const CALLBACK_SECRET = 'console-test-callback-secret';

interface Drink {
  id: string;
  name: string;
}

describe.skipIf(!hasChromium)('the employee console in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-browser-'));
  const stackLog: string[] = [];
  const logged = () => `\n--- local stack log ---\n${stackLog.slice(-30).join('\n')}`;
  let stack: LocalStack;
  let browser: Browser;
  let employee: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let customerToken: string;
  let employeeToken: string;
  let customerCode: string;
  let menu: Drink[];

  async function api<T>(method: string, path: string, body?: unknown, token = customerToken): Promise<T> {
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    expect(response.ok, `${method} ${path}: ${response.status} ${text}${logged()}`).toBe(true);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A customer's PENDING order with these drinks, through the API as the app would place it. */
  async function pendingOrder(lines: [string, number][]): Promise<{ id: string; reference: string }> {
    const order = await api<{ id: string; reference: string }>('POST', '/v1/orders', {});
    for (const [name, quantity] of lines) {
      await api('POST', `/v1/orders/${order.id}/items`, { itemId: menu.find((drink) => drink.name === name)!.id, quantity });
    }
    await api('POST', `/v1/orders/${order.id}/submit`, {});
    return order;
  }

  /** A PENDING order approved by the demo employee through the API: it waits on the Preparing board. */
  async function approvedOrder(lines: [string, number][]): Promise<{ id: string; reference: string }> {
    const order = await pendingOrder(lines);
    await api('POST', `/v1/orders/${order.id}/approve`, {}, employeeToken);
    return order;
  }

  const signInByApi = async (email: string, password: string) => {
    const tokens = await fetch(`${stack.url}/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(tokens.status, logged()).toBe(200);
    return ((await tokens.json()) as { accessToken: string }).accessToken;
  };

  const register = (customer: typeof CUSTOMER) =>
    fetch(`${stack.url}/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(customer) });

  const shot = (name: string, target = page) => target.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  async function signInOnHostedLogin(target: Page, email: string, password: string) {
    await target.goto(`${stack.url}/console/`);
    await target.waitForURL(/\/oauth2\/authorize\?/);
    expect(new URL(target.url()).searchParams.get('code_challenge_method')).toBe('S256');
    await target.getByLabel('Username').fill(email);
    await target.getByLabel('Password').fill(password);
    await target.getByRole('button', { name: 'Sign in' }).click();
    await target.waitForURL((url) => url.pathname.startsWith('/console/') && !url.pathname.endsWith('/callback'));
  }

  const watch = (target: Page) => {
    target.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    target.on('console', (message) => {
      // Failed requests are recorded with their URL below.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
    });
    target.on('response', (response) => {
      const path = new URL(response.url()).pathname.replace(/\/(orders|inventory)\/[0-9A-Z]{26}/, (_, resource: string) => `/${resource}/{${resource === 'orders' ? 'orderId' : 'itemId'}}`);
      if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${path}`);
    });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The delivery-report callback's secret, so the test can report an SMS as failed, as the provider would.
    process.env.SMS_CALLBACK_SECRET = CALLBACK_SECRET;
    await ensureConsoleBuilt(() => undefined);
    const starting = startLocalStack({
      dataDir,
      port: 0,
      dynamodbPort: 0,
      cognitoPort: 0,
      lambdaPort: 0,
      logLevel: 'ERROR',
      log: (message, error) => stackLog.push(error === undefined ? message : `${message}: ${(error as Error)?.stack ?? String(error)}`),
    });
    [stack, browser] = await Promise.all([starting, chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })]);

    const [registered, other] = await Promise.all([register(CUSTOMER), register(OTHER_CUSTOMER)]);
    expect([registered.status, other.status], (await registered.clone().text()) + logged()).toEqual([201, 201]);
    customerCode = ((await registered.json()) as { code: string }).code;
    [customerToken, employeeToken] = await Promise.all([signInByApi(CUSTOMER.email, CUSTOMER.password), signInByApi(DEMO_EMPLOYEE.email, DEMO_EMPLOYEE.password)]);
    menu = (await api<{ items: Drink[] }>('GET', '/v1/inventory?limit=100')).items;

    employee = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await employee.newPage();
    page.setDefaultTimeout(15_000);
    watch(page);
  }, 180_000);

  afterAll(async () => {
    delete process.env.SMS_CALLBACK_SECRET;
    await browser?.close();
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('an employee signs in on the hosted login and sees a PENDING order placed moments before; tokens stay out of localStorage', async () => {
    const order = await pendingOrder([
      ['Espresso', 3],
      ['Mango Juice', 2],
    ]);
    await page.goto(`${stack.url}/console/`);
    await page.waitForURL(/\/oauth2\/authorize\?/);
    await shot('01-hosted-login');
    await signInOnHostedLogin(page, DEMO_EMPLOYEE.email, DEMO_EMPLOYEE.password);
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: `Order ${order.reference}` });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain(CUSTOMER.name);
    // 3 × 2.50 + 2 × 4.10
    expect(await row.textContent()).toContain('15.70');
    await shot('02-queue');
    expect(await page.evaluate('window.localStorage.length')).toBe(0);
    expect(await page.evaluate("Object.keys(window.sessionStorage).some((key) => key.startsWith('oidc.user:'))")).toBe(true);
  }, 60_000);

  it('an expired access token is renewed with the refresh token, without a new sign-in', async () => {
    const key = (await page.evaluate("Object.keys(window.sessionStorage).find((key) => key.startsWith('oidc.user:'))")) as string;
    await page.evaluate(`(() => {
      const user = JSON.parse(window.sessionStorage.getItem(${JSON.stringify(key)}));
      user.expires_at = Math.floor(Date.now() / 1000) - 60;
      window.sessionStorage.setItem(${JSON.stringify(key)}, JSON.stringify(user));
    })()`);
    const refreshed = page.waitForRequest((request) => request.url().endsWith('/oauth2/token') && (request.postData() ?? '').includes('grant_type=refresh_token'));
    await page.reload();
    await refreshed;
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/');
  }, 30_000);

  it('the queue refreshes by itself and marks an order that arrived since', async () => {
    const arrived = await pendingOrder([['Green Tea', 1]]);
    const row = page.getByRole('row').filter({ hasText: `Order ${arrived.reference}` });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByText('New', { exact: true }).count()).toBe(1);
    await shot('03-queue-new-arrival');
  }, 30_000);

  it('opening an order shows lines, stock and customer; Approve changes its state and the drink stock', async () => {
    const order = await pendingOrder([['Cappuccino', 4]]);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await page.getByRole('link', { name: `Order ${order.reference}` }).click();
    await page.getByRole('heading', { name: `Order ${order.reference}` }).waitFor();
    const line = page.getByRole('row').filter({ hasText: 'Cappuccino' });
    await expect.poll(() => line.textContent()).toContain('25');
    expect(await page.locator('aside').textContent()).toContain(customerCode);
    await shot('04-order');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.locator('.badge', { hasText: 'Approved' }).waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Cappuccino' }).textContent()).toContain('21');
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await shot('05-order-approved');
  }, 30_000);

  it('rejecting asks for a reason, and the reason shows in the history', async () => {
    const order = await pendingOrder([['Lemon Soda', 1]]);
    await page.goto(`${stack.url}/console/orders/${order.id}`);
    await page.getByRole('button', { name: 'Reject…' }).click();
    const reject = page.getByRole('button', { name: 'Reject order' });
    expect(await reject.isDisabled()).toBe(true);
    await page.getByLabel('Reason for rejecting (sent to the customer)').fill('We are out of lemons today');
    await reject.click();
    await page.locator('.badge', { hasText: 'Rejected' }).waitFor();
    await page.getByText('“We are out of lemons today”').first().waitFor();
    await shot('06-order-rejected');
  }, 30_000);

  it('a stale page gets the refusal in words: approving an order someone else changed meanwhile', async () => {
    const order = await pendingOrder([['Espresso', 1]]);
    await page.goto(`${stack.url}/console/orders/${order.id}`);
    await page.getByRole('button', { name: 'Approve' }).waitFor();
    await api('POST', `/v1/orders/${order.id}/cancel`, {});
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('alert').filter({ hasText: 'changed meanwhile' }).waitFor();
    expect(await page.getByRole('alert').textContent()).not.toContain('{');
    await shot('07-order-stale');
  }, 30_000);

  it('stock adjustments need a reason; one below zero is refused in words, a delivery is recorded', async () => {
    await page.getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('heading', { name: 'Inventory' }).waitFor();
    await page.getByRole('button', { name: 'Adjust stock of Still Water' }).click();
    await page.getByLabel('Remove (−)').check();
    await page.getByLabel('How many').fill('5');
    const save = page.getByRole('button', { name: 'Save adjustment' });
    expect(await save.isDisabled()).toBe(true);
    await page.getByLabel(/^Reason/).fill('broken bottles');
    await save.click();
    await page.getByRole('alert').filter({ hasText: 'Not enough stock of Still Water: 5 needed, 0 on hand.' }).waitFor();
    await shot('08-inventory-refused');
    await page.getByLabel('Add (+)').check();
    await page.getByLabel('How many').fill('24');
    await page.getByLabel(/^Reason/).fill('delivery');
    await save.click();
    const row = page.getByRole('row').filter({ hasText: 'Still Water' });
    await expect.poll(() => row.textContent()).toContain('Available');
    expect(await row.textContent()).toContain('24');
    await page.getByRole('combobox', { name: /^Stock/ }).selectOption('FEW_REMAINING');
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Still Water' }).count()).toBe(0);
    expect(await page.getByRole('row').filter({ hasText: 'Lemon Soda' }).count()).toBe(1);
    await shot('09-inventory');
  }, 30_000);

  it('a counter order: the customer found by phone, the order created, a drink added at an employee price, submitted', async () => {
    await page.getByRole('link', { name: 'New order' }).click();
    // As the customer says it, with spaces; the search starts when typing pauses.
    await page.getByLabel('Search by name, phone or code').fill('+254 700 000 12');
    const choose = page.getByRole('button', { name: /^Choose / });
    await choose.first().waitFor();
    expect(await choose.allTextContents()).toHaveLength(1);
    await page.getByRole('button', { name: `Choose ${CUSTOMER.name} (${customerCode})` }).click();
    await page.getByRole('heading', { name: '2. Create the order' }).waitFor();
    // The search is put away once a customer is chosen.
    expect(await page.getByLabel('Search by name, phone or code').count()).toBe(0);
    await page.getByRole('button', { name: 'Change customer' }).waitFor();
    await shot('10-new-order');
    await page.getByRole('button', { name: 'Create order' }).click();
    await page.getByRole('heading', { name: /^Order [0-9A-Z]{6}$/ }).waitFor();
    // An order page is neither the queue nor the boards: no tab claims it.
    expect(await page.locator('nav[aria-label="Pages"] a[aria-current="page"]').count()).toBe(0);
    await page.getByLabel('Drink').selectOption(menu.find((drink) => drink.name === 'Espresso')!.id);
    await page.getByLabel('Quantity', { exact: true }).fill('2');
    await page.getByLabel('Employee price (empty: menu price)').fill('2');
    await page.getByRole('button', { name: 'Add to order' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Espresso' }).textContent()).toContain('4.00');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.locator('.badge', { hasText: 'Pending review' }).waitFor();
    await shot('11-counter-order');
    await page.setViewportSize({ width: 768, height: 1024 });
    await shot('12-order-tablet');
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 30_000);

  it('customers: the list, a search by name, and a profile with its orders', async () => {
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('link', { name: OTHER_CUSTOMER.name }).waitFor();
    expect(await page.getByRole('link', { name: CUSTOMER.name }).count()).toBe(1);
    await page.getByLabel('Search by name, phone or code').fill('wanj');
    await expect.poll(() => page.getByRole('link', { name: OTHER_CUSTOMER.name }).count()).toBe(0);
    await shot('13-customers-search');
    await page.getByRole('link', { name: CUSTOMER.name }).click();
    await page.getByRole('heading', { name: CUSTOMER.name }).waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(5);
    await shot('14-customer');
  }, 30_000);

  it('boards: Mark ready moves an order from Preparing to Ready; a click on a stale board is refused in words and the board refreshes', async () => {
    const [first, second] = [await approvedOrder([['Mango Juice', 1]]), await approvedOrder([['Green Tea', 2]])];
    await page.getByRole('link', { name: 'Boards' }).click();
    const preparing = page.getByRole('region', { name: 'Preparing', exact: true });
    const ready = page.getByRole('region', { name: 'Ready', exact: true });
    const row = (board: typeof ready, order: { reference: string }) => board.getByRole('row').filter({ hasText: `Order ${order.reference}` });
    await row(preparing, second).waitFor();
    await page.getByRole('button', { name: `Mark ready: order ${first.reference}` }).click();
    await row(ready, first).waitFor();
    expect(await row(preparing, first).count()).toBe(0);
    // Someone at the other till marks the second one ready meanwhile.
    await api('POST', `/v1/orders/${second.id}/ready`, {}, employeeToken);
    await page.getByRole('button', { name: `Mark ready: order ${second.reference}` }).click();
    await page.getByRole('alert').filter({ hasText: `Order ${second.reference}: This changed meanwhile` }).waitFor();
    await row(ready, second).waitFor();
    expect(await row(preparing, second).count()).toBe(0);
    await shot('15-boards');
  }, 30_000);

  it('the order page: Mark delivered, the fulfilment in the history, and the SMS of each event with a failed one standing out', async () => {
    await page.getByRole('region', { name: 'Ready', exact: true }).getByRole('link').first().click();
    await page.locator('.badge', { hasText: /^Ready$/ }).waitFor();
    expect(await page.locator('.title-row .muted').textContent()).toContain('ready');
    await page.getByRole('button', { name: 'Mark delivered' }).click();
    await page.locator('.badge', { hasText: /^Delivered$/ }).waitFor();
    await page.getByText('Ready → Delivered').waitFor();
    expect(await page.getByText('Preparing → Ready').count()).toBe(1);
    const orderId = new URL(page.url()).pathname.split('/').pop()!;
    const sms = page.getByRole('region', { name: 'SMS to the customer' });
    const events = ['Created', 'Pending review', 'Approved', 'Ready', 'Delivered'];
    await expect
      .poll(
        async () => {
          await sms.getByRole('button', { name: 'Refresh SMS' }).click();
          return (await sms.locator('tbody th').allTextContents()).join(', ');
        },
        { timeout: 15_000 },
      )
      .toBe(events.join(', '));
    expect(await sms.textContent()).toContain('+2547******23');
    // The provider reports the delivery SMS as failed.
    const outbox = await api<{ items: { orderId: string; state: string; messageId: string }[] }>('GET', '/_local/sms-outbox');
    const delivered = outbox.items.find((line) => line.orderId === orderId && line.state === 'DELIVERED')!;
    const report = await fetch(`${stack.url}/v1/sms/delivery-reports?token=${CALLBACK_SECRET}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id: delivered.messageId, status: 'Failed', phoneNumber: CUSTOMER.phoneNumber }).toString(),
    });
    expect(report.status, logged()).toBe(200);
    await sms.getByRole('button', { name: 'Refresh SMS' }).click();
    const failed = sms.locator('tr.sms-attention');
    await failed.waitFor();
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toMatch(/^Delivered\s*Failed.*call them/);
    await shot('16-order-delivered-sms');
  }, 30_000);

  it('a customer who signs in sees that the console is for employees, and can sign out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const customerPage = await context.newPage();
    customerPage.setDefaultTimeout(15_000);
    watch(customerPage);
    await signInOnHostedLogin(customerPage, CUSTOMER.email, CUSTOMER.password);
    await customerPage.getByRole('heading', { name: 'This console is for shop employees' }).waitFor();
    expect(await customerPage.getByRole('navigation').count()).toBe(0);
    await shot('17-customer-refused', customerPage);
    await customerPage.getByRole('button', { name: 'Sign out' }).click();
    await customerPage.getByRole('heading', { name: 'You are signed out' }).waitFor();
    expect(await customerPage.evaluate('window.sessionStorage.length')).toBe(0);
    await context.close();
  }, 30_000);

  it('nothing went wrong in the pages beyond the refusals the test provoked', () => {
    // The emulator's own sign-in page asks for a favicon it does not have.
    expect(problems.filter((problem) => problem !== '404 GET /favicon.ico')).toEqual([
      '412 POST /v1/orders/{orderId}/approve',
      '409 POST /v1/inventory/{itemId}/adjustments',
      '412 POST /v1/orders/{orderId}/ready',
    ]);
  });
});
