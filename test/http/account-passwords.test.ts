import { LimitExceededException, TooManyRequestsException } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Answer, type StackClient } from '../reliability/support/local-stack';
import type { Faults } from '../support/client-faults';

/*
 * Forgotten password, change password and sign-out everywhere, through the local gateway on the
 * real emulator (cognito-local, with lib/local/cognito-extensions.ts). Cognito's throttles are
 * injected on the functions' own client, at the call they hit.
 */
let client: StackClient;
let cognitoFaults: Faults;

beforeAll(async () => {
  client = await startStack();
  const { faultsOn } = await import('../support/client-faults');
  cognitoFaults = faultsOn((await import('../../functions/platform/cognito')).cognito);
}, 120_000);

afterEach(() => cognitoFaults.clear());
afterAll(async () => {
  await client?.stop();
});

const NEW_PASSWORD = 'N3wPassw0rd';

async function emailedCodes(email: string): Promise<string[]> {
  const outbox = await client.call('GET', '/_local/email-outbox');
  return (outbox.body.items as { to: string; code: string }[]).filter((entry) => entry.to === email).map((entry) => entry.code);
}

const signInStatus = async (email: string, password: string) => (await client.call('POST', '/v1/auth/token', { body: { email, password } })).status;

function expectProblem(answer: Answer, status: number, code: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.contentType).toBe('application/problem+json');
  expect(answer.body.code).toBe(code);
}

describe('POST /v1/auth/password-reset and /confirm', () => {
  it('resets a forgotten password end to end with the code from the local email outbox', async () => {
    const ann = await client.customer('reset');
    const started = await client.call('POST', '/v1/auth/password-reset', { body: { email: ann.email.toUpperCase() } });
    expect(started.status).toBe(204);
    const [code] = await emailedCodes(ann.email);
    expect(code).toMatch(/^\d+$/);

    const wrong = await client.call('POST', '/v1/auth/password-reset/confirm', { body: { email: ann.email, code: code === '000000' ? '111111' : '000000', newPassword: NEW_PASSWORD } });
    expectProblem(wrong, 400, 'invalid_reset_code');
    expect(await signInStatus(ann.email, ann.password)).toBe(200);

    const confirmed = await client.call('POST', '/v1/auth/password-reset/confirm', { body: { email: ann.email, code, newPassword: NEW_PASSWORD } });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(204);
    expect(await signInStatus(ann.email, NEW_PASSWORD)).toBe(200);
    expect(await signInStatus(ann.email, ann.password)).toBe(401);
    // Used once: the same code cannot set a password again.
    const reused = await client.call('POST', '/v1/auth/password-reset/confirm', { body: { email: ann.email, code, newPassword: 'An0therOne' } });
    expectProblem(reused, 400, 'invalid_reset_code');
    // Still a customer with a profile (the emulator runs the post-confirmation trigger on a reset too).
    const me = await client.call('GET', '/v1/me', { token: await client.signIn(ann.email, NEW_PASSWORD) });
    expect(me.body).toMatchObject({ id: ann.id, role: 'customer' });
  }, 30_000);

  it('answers an unknown email exactly like a known one, and its confirm like a wrong code', async () => {
    const known = await client.customer('known');
    const answers = await Promise.all(
      [known.email, 'nobody-here@example.com'].map((email) => client.call('POST', '/v1/auth/password-reset', { body: { email } })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([204, 204]);
    expect(answers[0]!.body).toEqual(answers[1]!.body);
    expect([...answers[0]!.headers.keys()].sort()).toEqual([...answers[1]!.headers.keys()].sort());
    expect(await emailedCodes('nobody-here@example.com')).toEqual([]);
    const confirm = await client.call('POST', '/v1/auth/password-reset/confirm', { body: { email: 'nobody-here@example.com', code: '123456', newPassword: NEW_PASSWORD } });
    expectProblem(confirm, 400, 'invalid_reset_code');
  });

  it('refuses a new password outside the policy and bad bodies with 400 validation_failed', async () => {
    for (const [path, body] of [
      ['/v1/auth/password-reset/confirm', { email: 'a@example.com', code: '123456', newPassword: 'short' }],
      ['/v1/auth/password-reset/confirm', { email: 'a@example.com', newPassword: NEW_PASSWORD }],
      ['/v1/auth/password-reset', { email: 'not-an-email' }],
      ['/v1/auth/password-reset', { email: 'a@example.com', extra: true }],
    ] as const) {
      expectProblem(await client.call('POST', path, { body }), 400, 'validation_failed');
    }
  });

  it('answers Cognito throttling and its attempt limit with 503 and Retry-After', async () => {
    const ann = await client.customer('throttled');
    cognitoFaults.failNext('ForgotPasswordCommand', () => new LimitExceededException({ message: 'Attempt limit exceeded, please try after some time.', $metadata: {} }));
    const limited = await client.call('POST', '/v1/auth/password-reset', { body: { email: ann.email } });
    expectProblem(limited, 503, 'service_unavailable');
    expect(limited.headers.get('retry-after')).toBe('1');
    cognitoFaults.failNext('ConfirmForgotPasswordCommand', () => new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }));
    const throttled = await client.call('POST', '/v1/auth/password-reset/confirm', { body: { email: ann.email, code: '123456', newPassword: NEW_PASSWORD } });
    expectProblem(throttled, 503, 'service_unavailable');
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(cognitoFaults.pending()).toBe(0);
  });
});

describe('POST /v1/me/password', () => {
  it('changes the password of a signed-in customer and of an employee', async () => {
    for (const who of [await client.customer('change'), await client.employee('change')]) {
      const changed = await client.call('POST', '/v1/me/password', { token: who.token, body: { currentPassword: who.password, newPassword: NEW_PASSWORD } });
      expect(changed.status, JSON.stringify(changed.body)).toBe(204);
      expect(await signInStatus(who.email, NEW_PASSWORD)).toBe(200);
      expect(await signInStatus(who.email, who.password)).toBe(401);
    }
  });

  it('refuses a wrong current password (400 wrong_current_password), a weak new one (400) and no token (401)', async () => {
    const ann = await client.customer('wrong-current');
    const wrong = await client.call('POST', '/v1/me/password', { token: ann.token, body: { currentPassword: 'Not1TheRight', newPassword: NEW_PASSWORD } });
    expectProblem(wrong, 400, 'wrong_current_password');
    const weak = await client.call('POST', '/v1/me/password', { token: ann.token, body: { currentPassword: ann.password, newPassword: 'alllowercase1' } });
    expectProblem(weak, 400, 'validation_failed');
    expect((await client.call('POST', '/v1/me/password', { body: { currentPassword: ann.password, newPassword: NEW_PASSWORD } })).status).toBe(401);
    expect(await signInStatus(ann.email, ann.password)).toBe(200);
  });
});

describe('POST /v1/auth/sign-out', () => {
  it('revokes every refresh token of the caller; the access token lives until it expires', async () => {
    const ann = await client.customer('sign-out');
    const sessions = await Promise.all(
      [1, 2].map(async () => (await client.call('POST', '/v1/auth/token', { body: { email: ann.email, password: ann.password } })).body),
    );
    const refresh = (refreshToken: string) => client.call('POST', '/v1/auth/refresh', { body: { refreshToken } });
    expect((await refresh(sessions[0].refreshToken)).status).toBe(200);

    const signedOut = await client.call('POST', '/v1/auth/sign-out', { token: sessions[0].accessToken });
    expect(signedOut.status, JSON.stringify(signedOut.body)).toBe(204);
    for (const session of sessions) expectProblem(await refresh(session.refreshToken), 401, 'invalid_credentials');
    // Documented: the gateway keeps accepting an access token until it expires.
    expect((await client.call('GET', '/v1/me', { token: sessions[1].accessToken })).status).toBe(200);
    // A new sign-in is a new session.
    const again = (await client.call('POST', '/v1/auth/token', { body: { email: ann.email, password: ann.password } })).body;
    expect((await refresh(again.refreshToken)).status).toBe(200);
  });

  it('needs a token (401)', async () => {
    expect((await client.call('POST', '/v1/auth/sign-out')).status).toBe(401);
  });
});
