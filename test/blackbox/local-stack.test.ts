import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/local/paths';
import { DEMO_EMPLOYEE } from '../../lib/local/seed';
import { startLocalStack, type LocalStack } from '../../lib/local/stack';

/**
 * The whole local stack, started the way `npm start` starts it (temp data folder, free ports),
 * spoken to over HTTP only, plus the ops CLI as an operator runs it.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'local-stack-'));
let stack: LocalStack;
let startupMs: number;
/** What the gateway logged (a failing function's error, for one): shown when a request fails. */
const stackLog: string[] = [];
const logged = () => `\n--- local stack log ---\n${stackLog.join('\n')}`;

const run = promisify(execFile);

/** `npm run ops -- ...` against this stack's data folder. */
async function ops(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'lib/ops/cli.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, LOCAL_DATA_DIR: dataDir },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout: string; stderr: string };
    return { code: typeof failure.code === 'number' ? failure.code : -1, stdout: failure.stdout, stderr: failure.stderr };
  }
}

async function call(method: string, path: string, options: { body?: unknown; token?: string } = {}) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...(options.token && { authorization: `Bearer ${options.token}` }),
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : undefined };
}

async function signIn(email: string, password: string): Promise<string> {
  const response = await call('POST', '/v1/auth/token', { body: { email, password } });
  expect(response.status, JSON.stringify(response.body) + logged()).toBe(200);
  expect(response.body).toMatchObject({ accessToken: expect.any(String), idToken: expect.any(String), tokenType: 'Bearer' });
  return response.body.accessToken;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  const started = Date.now();
  stack = await startLocalStack({
    dataDir,
    port: 0,
    dynamodbPort: 0,
    cognitoPort: 0,
    lambdaPort: 0,
    // A function's own error log (Powertools) is the one place a 500's cause shows.
    logLevel: 'ERROR',
    log: (message, error) => stackLog.push(error === undefined ? message : `${message}: ${(error as Error)?.stack ?? String(error)}`),
  });
  for (;;) {
    const health = await fetch(`${stack.url}/v1/health`).catch(() => undefined);
    if (health?.ok) break;
    if (Date.now() - started > 60_000) throw new Error('GET /v1/health did not answer within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  startupMs = Date.now() - started;
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local stack, black box', () => {
  it('is healthy soon after starting, and says so', async () => {
    expect(startupMs).toBeLessThan(60_000);
    expect(await call('GET', '/v1/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(stack.firstStart).toBe(true);
  });

  it('registers a customer who signs in and is a customer', async () => {
    const registered = await call('POST', '/v1/auth/register', {
      body: { email: 'Ada@Example.com', password: 'Passw0rdAda', name: 'Ada Lovelace', phoneNumber: '+254700000123' },
    });
    expect(registered.status, JSON.stringify(registered.body) + logged()).toBe(201);
    expect(registered.body).toMatchObject({
      id: expect.any(String),
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      phoneNumber: '+254700000123',
      code: expect.stringMatching(/^[A-Z0-9]{5}$/),
    });

    const token = await signIn('ada@example.com', 'Passw0rdAda');
    const me = await call('GET', '/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: registered.body.id, email: 'ada@example.com', role: 'customer', name: 'Ada Lovelace' });
  }, 30_000);

  it('creates an employee with the ops CLI, who signs in and is an employee', async () => {
    const created = await ops('create-employee', '--email', 'grace@example.com', '--name', 'Grace Hopper', '--phone', '+254711000001', '--password', 'Passw0rdGrace');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created employee grace@example.com');

    const again = await ops('create-employee', '--email', 'grace@example.com', '--name', 'Grace Hopper', '--phone', '+254711000001', '--password', 'Passw0rdGrace');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');

    const token = await signIn('grace@example.com', 'Passw0rdGrace');
    const me = await call('GET', '/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'grace@example.com', role: 'employee', name: 'Grace Hopper' });
  }, 60_000);

  it('refuses /v1/me without a token: 401 problem+json', async () => {
    const response = await call('GET', '/v1/me');
    expect(response.status).toBe(401);
    expect(response.contentType).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 401, code: 'unauthorized', detail: expect.any(String) });
  });

  it('was seeded on first start: the demo employee signs in, and the SMS outbox answers', async () => {
    const token = await signIn(DEMO_EMPLOYEE.email, DEMO_EMPLOYEE.password);
    expect((await call('GET', '/v1/me', { token })).body).toMatchObject({ role: 'employee', name: DEMO_EMPLOYEE.name });
    expect(await call('GET', '/_local/sms-outbox')).toMatchObject({ status: 200, body: { items: expect.any(Array) } });
  });

  it("works an employee's day: finds the customer, fulfils the order, and sees every SMS sent through the real stream", async () => {
    const token = await signIn(DEMO_EMPLOYEE.email, DEMO_EMPLOYEE.password);
    const found = await call('GET', `/v1/customers?q=${encodeURIComponent('lové')}`, { token });
    expect(found.body.items.map((customer: { name: string }) => customer.name)).toEqual(['Ada Lovelace']);
    expect((await call('GET', '/v1/customers?q=%2B254%20700000123', { token })).body.items).toHaveLength(1);
    const ada = found.body.items[0] as { id: string };
    const drink = (await call('GET', '/v1/inventory?state=AVAILABLE', { token })).body.items[0] as { id: string };
    const order = await call('POST', '/v1/orders', { token, body: { customerId: ada.id } });
    const orderId = order.body.id as string;
    await call('POST', `/v1/orders/${orderId}/items`, { token, body: { itemId: drink.id, quantity: 1 } });
    for (const action of ['submit', 'approve', 'ready', 'deliver']) {
      const response = await call('POST', `/v1/orders/${orderId}/${action}`, { token, body: {} });
      expect(response.status, JSON.stringify(response.body) + logged()).toBe(200);
    }
    const events = ['CREATED', 'PENDING', 'APPROVED', 'READY', 'DELIVERED'];
    const deadline = Date.now() + 30_000;
    let sent: string[] = [];
    while (Date.now() < deadline && sent.length < events.length) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const outbox = (await call('GET', '/_local/sms-outbox')).body.items as { orderId: string; state: string }[];
      sent = outbox.filter((sms) => sms.orderId === orderId).map((sms) => sms.state);
    }
    expect(sent).toEqual(events);
    const status = await call('GET', `/v1/orders/${orderId}/notifications`, { token });
    expect(status.body.items.map((item: { event: string; status: string; to: string }) => [item.event, item.status, item.to])).toEqual(
      events.map((event) => [event, 'sent', '+2547******23']),
    );
    const backfill = await ops('backfill');
    expect(backfill.code, backfill.stderr).toBe(0);
    expect(backfill.stdout).toContain('Indexed 0 customers');
  }, 90_000);

  it('stops without leaving processes behind', async () => {
    const pids = stack.pids;
    expect(pids).toHaveLength(2);
    expect(pids.every(alive)).toBe(true);
    await stack.stop();
    expect(pids.filter(alive)).toEqual([]);
    await expect(fetch(`${stack.url}/v1/health`)).rejects.toThrow();
  });
});
