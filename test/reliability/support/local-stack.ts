import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handlerLoader, type HandlerLoader } from '../../../lib/local/function-modules';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../../lib/local/stack';
import { createEmployee } from '../../../lib/ops/create-employee';
import { localTarget } from '../../../lib/ops/targets';
import { asRoute } from '../../support/route-requests';

export interface Answer {
  status: number;
  contentType: string | null;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface StackClient {
  stack: LocalStack;
  /** What the stack logged (a failing function's error, for one). */
  log: string[];
  call: (method: string, path: string, options?: { body?: unknown; token?: string; headers?: Record<string, string> }) => Promise<Answer>;
  /** Registers a customer and returns their profile, password and access token. */
  customer: (label: string) => Promise<{ id: string; email: string; password: string; phoneNumber: string; token: string }>;
  employee: (label: string) => Promise<{ id: string; email: string; password: string; token: string }>;
  signIn: (email: string, password: string) => Promise<string>;
  stop: () => Promise<void>;
}

let counter = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** The gateway's invocations, each run as its route (test/support/route-requests.ts); stream and trigger events as they are. */
function routeRecordingLoader(): HandlerLoader {
  const load = handlerLoader();
  return async (modulePath) => {
    const handler = await load(modulePath);
    return (event, context) => (typeof event?.routeKey === 'string' ? asRoute(event.routeKey, () => handler(event, context)) : handler(event, context));
  };
}

const START_ATTEMPTS = 3;

/**
 * Ports are chosen free, then bound by each child a moment later: a test file starting beside
 * this one can take a port in between (cognito-local then exits with EADDRINUSE). Such a start is
 * tried again on a fresh data folder and fresh ports; any other failure is thrown at once.
 */
async function startOnFreePorts(options: Partial<LocalStackOptions>): Promise<{ stack: LocalStack; dataDir: string }> {
  for (let attempt = 1; ; attempt++) {
    // The temporary folder is removed at stop; a dataDir in the options wins over it.
    const dataDir = mkdtempSync(join(tmpdir(), 'reliability-'));
    try {
      return { stack: await startLocalStack({ dataDir, loadHandler: routeRecordingLoader(), ...options }), dataDir };
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      const lostPort = /EADDRINUSE|exited with code/.test(String(error));
      if (!lostPort || attempt === START_ATTEMPTS || options.dataDir) throw error;
    }
  }
}

/** One local stack per test file (the functions read process.env), over a temporary data folder. */
export async function startStack(options: Partial<LocalStackOptions> = {}): Promise<StackClient> {
  const log: string[] = [];
  const { stack, dataDir } = await startOnFreePorts({
    port: 0,
    dynamodbPort: 0,
    cognitoPort: 0,
    lambdaPort: 0,
    logRequests: false,
    logLevel: 'ERROR',
    log: (message, error) => log.push(error === undefined ? message : `${message}: ${(error as Error)?.stack ?? String(error)}`),
    ...options,
  });

  const call: StackClient['call'] = async (method, path, options = {}) => {
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...(options.token && { authorization: `Bearer ${options.token}` }),
        ...options.headers,
      },
      ...(options.body !== undefined && { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text
    }
    return { status: response.status, contentType: response.headers.get('content-type'), headers: response.headers, body };
  };

  const signIn = async (email: string, password: string) => {
    const response = await call('POST', '/v1/auth/token', { body: { email, password } });
    if (response.status !== 200) throw new Error(`sign-in ${email}: ${response.status} ${JSON.stringify(response.body)}\n${log.join('\n')}`);
    return response.body.accessToken as string;
  };

  const customer: StackClient['customer'] = async (label) => {
    const email = `${unique(label)}@example.com`;
    const password = 'Passw0rdTest';
    const phoneNumber = `+2547${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const response = await call('POST', '/v1/auth/register', { body: { email, password, name: label, phoneNumber } });
    if (response.status !== 201) throw new Error(`register ${email}: ${response.status} ${JSON.stringify(response.body)}\n${log.join('\n')}`);
    return { id: response.body.id, email, password, phoneNumber, token: await signIn(email, password) };
  };

  const employee: StackClient['employee'] = async (label) => {
    const email = `${unique(label)}@example.com`;
    const password = 'Passw0rdStaff';
    const { id } = await createEmployee(await localTarget(stack.dataDir), { email, name: label, password, phoneNumber: '+254700000099' });
    return { id, email, password, token: await signIn(email, password) };
  };

  return {
    stack,
    log,
    call,
    customer,
    employee,
    signIn,
    stop: async () => {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** How many answers had each status: `{ 200: 1, 409: 9 }`. */
export const statuses = (answers: { status: number }[]) =>
  answers.reduce<Record<number, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});
