import { AdminRemoveUserFromGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCognitoClient } from '../../lib/local/cognito-pool';
import { routes } from '../../functions/routes';
import { startStack, type StackClient } from '../reliability/support/local-stack';

/* The account routes × the kinds of caller, through the local gateway with real tokens. */
let client: StackClient;
beforeAll(async () => {
  client = await startStack();
}, 120_000);
afterAll(async () => {
  await client?.stop();
});

type Kind = 'anonymous' | 'no group' | 'customer' | 'employee';
const kinds: Kind[] = ['anonymous', 'no group', 'customer', 'employee'];

// prettier-ignore
const matrix: [route: string, anonymous: number, noGroup: number, customer: number, employee: number][] = [
  //  route                                 anon  no group  customer  employee
  ['POST /v1/auth/password-reset',          204,  204,      204,      204],
  ['POST /v1/auth/password-reset/confirm',  400,  400,      400,      400],
  ['POST /v1/auth/sign-out',                401,  403,      204,      204],
  ['POST /v1/me/password',                  401,  403,      204,      204],
  ['DELETE /v1/me',                         401,  403,      204,      403],
];

/** A fresh caller of each kind for each request (sign-out, a new password and deletion change them). */
async function callerOf(kind: Kind): Promise<{ token?: string; email?: string; password?: string }> {
  if (kind === 'anonymous') return {};
  if (kind === 'employee') return client.employee('matrix');
  const who = await client.customer('matrix');
  if (kind === 'customer') return who;
  const cognito = localCognitoClient(client.stack.state.endpoints.cognito);
  try {
    await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: client.stack.state.userPoolId, Username: who.email, GroupName: 'customers' }));
  } finally {
    cognito.destroy();
  }
  return { ...who, token: await client.signIn(who.email, who.password) };
}

function requestFor(route: string, who: { email?: string; password?: string }) {
  const [method, path] = route.split(' ') as [string, string];
  const body: Record<string, unknown> | undefined = {
    'POST /v1/auth/password-reset': { email: who.email ?? 'someone@example.com' },
    'POST /v1/auth/password-reset/confirm': { email: who.email ?? 'someone@example.com', code: '000000', newPassword: 'N3wPassw0rd' },
    'POST /v1/me/password': { currentPassword: who.password ?? 'Passw0rdTest', newPassword: 'N3wPassw0rd' },
  }[route];
  return { method, path, body };
}

describe('the account permission matrix (route × caller)', () => {
  it('covers every new account route', () => {
    const accountRoutes = routes
      .map((route) => `${route.method} ${route.path}`)
      .filter((key) => /password|sign-out/.test(key) || key === 'DELETE /v1/me');
    expect(matrix.map(([route]) => route).sort()).toEqual(accountRoutes.sort());
  });

  const rows = matrix.flatMap(([route, ...statuses]) => kinds.map((kind, index) => [route, kind, statuses[index]!] as const));
  it.each(rows)('%s as %s → %i', async (route, kind, expected) => {
    const who = await callerOf(kind);
    const { method, path, body } = requestFor(route, who);
    const answer = await client.call(method, path, { token: who.token, body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(expected);
    if (expected >= 400) expect(answer.contentType).toBe('application/problem+json');
    if (expected === 403) expect(answer.body.code).toBe('forbidden');
  }, 30_000);
});
