import { AdminAddUserToGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCognitoClient } from '../../lib/local/cognito-pool';
import { invoke } from '../fixtures/events';
import { startStack, type Answer, type StackClient } from './support/local-stack';
import { decodePayload, hmacJwtKeyedWithPublicKey, signJwt, strangerKey, unsignedJwt } from './support/tokens';

/**
 * Tokens against the local gateway (the HTTP API's JWT authorizer) and the functions behind it.
 * Forged tokens are signed with the emulator's own key wherever the claim under test must be the
 * only thing wrong, so that a 401 is for the right reason.
 */
let client: StackClient;
let customer: { id: string; token: string; idToken: string; refreshToken: string };
let staff: { id: string; email: string; password: string; token: string };
/** The real customer access token's claims: each forgery changes one of them. */
let claims: Record<string, unknown>;

const now = () => Math.floor(Date.now() / 1000);
const forged = (changes: Record<string, unknown>, drop: string[] = []) => {
  const payload: Record<string, unknown> = { ...claims, ...changes };
  for (const name of drop) delete payload[name];
  return signJwt(payload);
};

beforeAll(async () => {
  client = await startStack();
  const registered = await client.customer('token-customer');
  const tokens = await client.call('POST', '/v1/auth/token', { body: { email: registered.email, password: registered.password } });
  customer = { id: registered.id, token: tokens.body.accessToken, idToken: tokens.body.idToken, refreshToken: tokens.body.refreshToken };
  staff = await client.employee('token-staff');
  claims = decodePayload(customer.token);
}, 120_000);

afterAll(async () => {
  await client?.stop();
});

const me = (token?: string, headers?: Record<string, string>) => client.call('GET', '/v1/me', { token, headers });
const customers = (token?: string) => client.call('GET', '/v1/customers?limit=1', { token });
const inventory = (token?: string) => client.call('GET', '/v1/inventory?limit=1', { token });

function expectProblem(answer: Answer, status: number, code: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.contentType).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ status, code, detail: expect.any(String) });
}

describe('tokens the emulator issued', () => {
  it('real access tokens: a customer is a customer, an employee an employee (groups as an array in the token)', async () => {
    expect(claims['cognito:groups']).toEqual(['customers']);
    expect(claims.token_use).toBe('access');
    expect((await me(customer.token)).body).toMatchObject({ id: customer.id, role: 'customer' });
    expect((await me(staff.token)).body).toMatchObject({ id: staff.id, role: 'employee' });
    expect((await customers(staff.token)).status).toBe(200);
    expectProblem(await customers(customer.token), 403, 'forbidden');
  });

  it('the optional route reads the array-valued groups itself: employees see stock, customers and anonymous callers do not', async () => {
    const [asStaff, asCustomer, anonymous] = await Promise.all([inventory(staff.token), inventory(customer.token), inventory()]);
    for (const answer of [asStaff, asCustomer, anonymous]) expect(answer.status).toBe(200);
    expect(asStaff.body.items[0]).toHaveProperty('onHand');
    expect(asCustomer.body.items[0]).not.toHaveProperty('onHand');
    expect(anonymous.body.items[0]).not.toHaveProperty('onHand');
  });

  it('no token: 401 on protected routes, anonymous on the optional one', async () => {
    expectProblem(await me(), 401, 'unauthorized');
    expectProblem(await customers(), 401, 'unauthorized');
    expectProblem(await me(undefined, { authorization: 'Basic dXNlcjpwYXNz' }), 401, 'unauthorized');
  });

  it('an id token where an access token is due: 401 on protected and optional routes', async () => {
    expect(decodePayload(customer.idToken).token_use).toBe('id');
    expectProblem(await me(customer.idToken), 401, 'unauthorized');
    expectProblem(await inventory(customer.idToken), 401, 'unauthorized');
  });

  it('a refresh token as a bearer token: 401', async () => {
    expectProblem(await me(customer.refreshToken), 401, 'unauthorized');
    expectProblem(await inventory(customer.refreshToken), 401, 'unauthorized');
  });
});

describe('forged tokens', () => {
  it('control: a re-signed copy of the real token is accepted (the forgeries below differ in one claim only)', async () => {
    expect((await me(forged({}))).body).toMatchObject({ id: customer.id, role: 'customer' });
  });

  const rejected: [string, () => string][] = [
    ['expired', () => forged({ iat: now() - 7200, exp: now() - 3600 })],
    ['not yet valid (nbf in the future)', () => forged({ nbf: now() + 3600 })],
    ['signed by a key outside the JWKS', () => signJwt(claims, strangerKey)],
    ['tampered payload (sub changed, signature kept)', () => {
      const [head, , signature] = customer.token.split('.');
      return `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: staff.id, 'cognito:groups': ['employees'] })).toString('base64url')}.${signature}`;
    }],
    ['alg: none', () => unsignedJwt({ ...claims, 'cognito:groups': ['employees'] })],
    ['alg: HS256 keyed with the public key', () => hmacJwtKeyedWithPublicKey({ ...claims, 'cognito:groups': ['employees'] })],
    ['wrong issuer (another user pool)', () => forged({ iss: `${String(claims.iss).replace(/\/[^/]+$/, '')}/us-east-1_Other` })],
    ['wrong client (another app client)', () => forged({ client_id: 'another-app-client' })],
    ['no client at all', () => forged({}, ['client_id'])],
    ['not a JWT', () => 'not-a-token'],
  ];

  it.each(rejected)('%s: 401 on protected routes and on the optional route', async (_, token) => {
    const value = token();
    expectProblem(await me(value), 401, 'unauthorized');
    expectProblem(await customers(value), 401, 'unauthorized');
    expectProblem(await inventory(value), 401, 'unauthorized');
  });

  it('valid, but in no group: 403 on every role-checked route', async () => {
    const token = forged({}, ['cognito:groups']);
    expectProblem(await me(token), 403, 'forbidden');
    expectProblem(await customers(token), 403, 'forbidden');
    expectProblem(await client.call('GET', '/v1/orders', { token }), 403, 'forbidden');
    expectProblem(await client.call('POST', '/v1/orders', { token, body: {} }), 403, 'forbidden');
    expectProblem(await me(forged({ 'cognito:groups': ['admins'] })), 403, 'forbidden');
  });

  it('in both groups (a real token of an employee also added to customers): an employee (employees win)', async () => {
    const cognito = localCognitoClient(client.stack.state.endpoints.cognito);
    await cognito
      .send(new AdminAddUserToGroupCommand({ UserPoolId: client.stack.state.userPoolId, Username: staff.email, GroupName: 'customers' }))
      .finally(() => cognito.destroy());
    const token = await client.signIn(staff.email, staff.password);
    expect([...(decodePayload(token)['cognito:groups'] as string[])].sort()).toEqual(['customers', 'employees']);
    expect((await me(token)).body).toMatchObject({ id: staff.id, role: 'employee' });
    expect((await customers(token)).status).toBe(200);
    expect((await inventory(token)).body.items[0]).toHaveProperty('onHand');
  });
});

describe('groups as the HTTP API passes them to a function: the "[a b]" string', () => {
  // Imported after the stack has set the functions' environment.
  const as = async (groups: string) => {
    const { handler } = await import('../../functions/http/customers/list');
    return invoke(handler, 'GET /v1/customers', { caller: { id: 'someone', groups } });
  };

  it.each([
    ['[employees]', 200],
    ['[customers employees]', 200],
    ['[employees customers]', 200],
    ['[customers]', 403],
    ['[]', 403],
    ['', 403],
    ['[employeesx]', 403],
  ])('cognito:groups %j on an employee route: %i', async (groups, status) => {
    expect((await as(groups)).statusCode).toBe(status);
  });
});
