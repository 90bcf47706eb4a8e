import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../lib/local/lambda-context';

const context = lambdaContext({ functionName: 'tracer-test', region: 'us-east-1', timeoutMs: 10_000 });

/**
 * The tracer as it runs in Lambda: the X-Ray SDK in Lambda mode sends each closed subsegment over
 * UDP to the daemon address, here a socket of the test, so the test reads exactly what X-Ray gets.
 */
const TRACE_ID = '1-67891233-abcdef012345678912345678';
const PHONE = '+254700000123';

let daemon: Socket;
const received: string[] = [];

beforeAll(async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (message) => received.push(message.toString('utf8')));
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: '/var/task',
    AWS_LAMBDA_FUNCTION_NAME: 'tracer-test',
    _HANDLER: 'index.handler',
    _X_AMZN_TRACE_ID: `Root=${TRACE_ID};Parent=53995c3f42cd8ad8;Sampled=1`,
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${(daemon.address() as AddressInfo).port}`,
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    // Nothing listens here: the Cognito call fails fast, and still has its subsegment.
    COGNITO_ENDPOINT: 'http://127.0.0.1:9',
  });
  delete process.env.POWERTOOLS_TRACE_ENABLED;
  vi.resetModules();
});

afterAll(() => {
  daemon.close();
  for (const name of ['AWS_EXECUTION_ENV', 'LAMBDA_TASK_ROOT', 'AWS_LAMBDA_FUNCTION_NAME', '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_XRAY_DAEMON_ADDRESS', 'COGNITO_ENDPOINT']) {
    delete process.env[name];
  }
});

interface Subsegment {
  name: string;
  annotations?: Record<string, unknown>;
  subsegments?: Subsegment[];
  error?: boolean;
  fault?: boolean;
}

/** Every subsegment document received so far, nested ones included. */
async function subsegments(): Promise<Subsegment[]> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  const flatten = (segment: Subsegment): Subsegment[] => [segment, ...(segment.subsegments ?? []).flatMap(flatten)];
  return received.map((packet) => JSON.parse(packet.slice(packet.indexOf('\n') + 1)) as Subsegment).flatMap(flatten);
}

describe('tracer in Lambda', () => {
  it('annotates an HTTP route with its route and order id, and records no response body', async () => {
    received.length = 0;
    const { handler } = await import('../../functions/http/orders/get');
    const event = {
      routeKey: 'GET /v1/orders/{orderId}',
      rawPath: '/v1/orders/01JORDER',
      pathParameters: { orderId: '01JORDER' },
      headers: { authorization: 'Bearer not-a-token' },
      requestContext: { http: { method: 'GET', path: '/v1/orders/01JORDER' } },
    };
    const response = await handler(event as never, context);
    expect(response.statusCode).toBe(401);
    const handlerSegment = (await subsegments()).find((segment) => segment.name === '## index.handler');
    expect(handlerSegment?.annotations).toMatchObject({ route: 'GET /v1/orders/{orderId}', orderId: '01JORDER' });
    expect(received.join('\n')).not.toContain('not-a-token');
  });

  it('records the DynamoDB and Cognito calls as subsegments', async () => {
    received.length = 0;
    const { traced } = await import('../../functions/platform/tracer');
    const { dynamodb } = await import('../../functions/data/client');
    const { cognito } = await import('../../functions/platform/cognito');
    const { DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
    const { ListGroupsCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const run = traced(async () => {
      await dynamodb.send(new DescribeTableCommand({ TableName: process.env.TABLE_NAME }));
      await cognito.send(new ListGroupsCommand({ UserPoolId: 'local_x' })).catch(() => undefined);
      return 'done';
    });
    await expect(run({}, context)).resolves.toBe('done');
    const names = (await subsegments()).map((segment) => segment.name);
    expect(names).toEqual(expect.arrayContaining(['DynamoDB', 'CognitoIdentityProvider']));
  });

  it("records the Africa's Talking call as a subsegment, flagged on failure, without the number", async () => {
    received.length = 0;
    const { traced } = await import('../../functions/platform/tracer');
    const { AfricasTalkingSender } = await import('../../functions/notifications/africas-talking');
    const sender = new AfricasTalkingSender({
      credentials: async () => ({ username: 'shop', apiKey: 'key' }),
      timeoutMs: 1000,
      fetch: async () => new Response(`No route to ${PHONE}`, { status: 500 }),
    });
    const run = traced(async () => sender.send({ to: PHONE, message: 'Your order is approved', orderId: '01JORDER', state: 'APPROVED' } as never).catch((error: Error) => error.name));
    await expect(run({}, context)).resolves.toBe('SmsTemporaryFailure');
    const call = (await subsegments()).find((segment) => segment.name === "Africa's Talking SMS.send");
    expect(call?.error).toBe(true);
    expect(received.join('\n')).not.toContain(PHONE);
  });
});

describe('tracer outside Lambda', () => {
  it('is a no-op: handlers and subsegments still run', async () => {
    vi.resetModules();
    const saved = process.env.AWS_EXECUTION_ENV;
    delete process.env.AWS_EXECUTION_ENV;
    try {
      const { traced, inSubsegment, tracer } = await import('../../functions/platform/tracer');
      expect(tracer.isTracingEnabled()).toBe(false);
      const run = traced(async (event: { n: number }) => inSubsegment('work', { orderId: 'x' }, async () => event.n + 1));
      await expect(run({ n: 1 })).resolves.toBe(2);
    } finally {
      process.env.AWS_EXECUTION_ENV = saved;
    }
  });
});
