import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingHandlerError, type LambdaHandler } from '../../lib/local/function-modules';
import { startLambdaInvokeServer, type LambdaInvokeServer } from '../../lib/local/lambda-invoke-server';

const handlers: Record<string, LambdaHandler> = {
  'triggers/ok': async (event: { userName: string }, context: { functionName: string }) => ({ ...event, seenBy: context.functionName }),
  'triggers/fails': async () => {
    throw new TypeError('trigger broke');
  },
};
let server: LambdaInvokeServer;
const logged: string[] = [];

beforeAll(async () => {
  server = await startLambdaInvokeServer({
    port: 0,
    region: 'us-east-1',
    functions: { 'post-confirmation': 'triggers/ok', broken: 'triggers/fails' },
    loadHandler: async (path) => handlers[path] ?? Promise.reject(new MissingHandlerError(path)),
    log: (message) => logged.push(message),
  });
});
afterAll(() => server?.stop());

const invoke = (name: string, payload: unknown) =>
  fetch(`${server.endpoint}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`, { method: 'POST', body: JSON.stringify(payload) });

describe('the local Lambda Invoke endpoint (for cognito-local triggers)', () => {
  it('runs the function and answers with its result', async () => {
    const response = await invoke('post-confirmation', { userName: 'u1', response: {} });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-function-error')).toBeNull();
    expect(await response.json()).toEqual({ userName: 'u1', response: {}, seenBy: 'orders-triggers-ok' });
  });

  it('finds the function by ARN too', async () => {
    const response = await invoke('arn:aws:lambda:us-east-1:000000000000:function:post-confirmation', { userName: 'u2' });
    expect(await response.json()).toMatchObject({ userName: 'u2' });
  });

  it('reports a failing function the way Lambda does', async () => {
    const response = await invoke('broken', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await response.json()).toMatchObject({ errorType: 'TypeError', errorMessage: 'trigger broke' });
    expect(logged.some((line) => line.includes('Function broken'))).toBe(true);
  });

  it('answers 404 for unknown functions', async () => {
    const response = await invoke('nope', {});
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });
});
