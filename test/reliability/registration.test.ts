import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  AdminConfirmSignUpCommand,
  LimitExceededException,
  SignUpCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { InternalServerError } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Faults } from '../support/client-faults';
import { startStack, type StackClient } from './support/local-stack';

/**
 * Registration is several steps (claim the email, create the Cognito user, set its password and
 * group, create the profile, mark the email registered). Each fault below is injected at one
 * step, on the functions' own Cognito and DynamoDB clients, in the stack that serves the request.
 */
let client: StackClient;
let cognitoFaults: Faults;
let tableFaults: Faults;
let functions: {
  cognito: typeof import('../../functions/platform/cognito');
  config: typeof import('../../functions/platform/config')['config'];
  shop: typeof import('../../functions/data/service')['shop'];
};

beforeAll(async () => {
  client = await startStack();
  const { faultsOn } = await import('../support/client-faults');
  functions = {
    cognito: await import('../../functions/platform/cognito'),
    config: (await import('../../functions/platform/config')).config,
    shop: (await import('../../functions/data/service')).shop,
  };
  cognitoFaults = faultsOn(functions.cognito.cognito);
  tableFaults = faultsOn((await import('../../functions/data/client')).dynamodb);
}, 120_000);

afterEach(() => {
  cognitoFaults.clear();
  tableFaults.clear();
});

afterAll(async () => {
  await client?.stop();
});

const throttled = () => new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} });
const quotaExceeded = () => new LimitExceededException({ message: 'Exceeded daily email limit for the operation or the account.', $metadata: {} });
const dynamoDown = () => new InternalServerError({ message: 'Internal server error', $metadata: {} });

function person(label: string) {
  return {
    email: `${label}-${randomUUID().slice(0, 8)}@example.com`,
    password: 'Passw0rdReg',
    name: label,
    phoneNumber: `+2547${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  };
}

const register = (body: object) => client.call('POST', '/v1/auth/register', { body });

function expectUnavailable(answer: Awaited<ReturnType<typeof register>>) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(503);
  expect(answer.contentType).toBe('application/problem+json');
  expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(answer.body.code).toBe('service_unavailable');
}

/** Registered for good: a customer token, and the profile under the Cognito sub. */
async function expectRegistered(who: ReturnType<typeof person>, profileId: string) {
  const token = await client.signIn(who.email, who.password);
  const me = await client.call('GET', '/v1/me', { token });
  expect(me.status, JSON.stringify(me.body)).toBe(200);
  expect(me.body).toMatchObject({ id: profileId, role: 'customer', email: who.email, phoneNumber: who.phoneNumber });
}

/** The email's claim, not the idempotency record (Powertools deletes that one when a request fails). */
const onTheClaim = { when: (input: Record<string, unknown>) => JSON.stringify(input.Key).includes('kind_email') };

/** The claim's lease ran out: what the clock does to an attempt that timed out halfway. */
async function leaseRunsOut(email: string) {
  await functions.shop.entities.uniqueValue.patch({ kind: 'email', value: email }).set({ leaseUntil: Date.now() - 1 }).go();
}

describe('registration that fails halfway', () => {
  it('a throttled Cognito step answers 503 with Retry-After, leaves nothing, and the retry registers', async () => {
    for (const [command, error] of [
      ['AdminCreateUserCommand', quotaExceeded],
      ['AdminSetUserPasswordCommand', throttled],
      ['AdminAddUserToGroupCommand', throttled],
    ] as const) {
      const who = person('throttled');
      cognitoFaults.failNext(command, error);
      expectUnavailable(await register(who));
      expect(cognitoFaults.pending(), command).toBe(0);
      const retry = await register(who);
      expect(retry.status, `${command}: ${JSON.stringify(retry.body)}`).toBe(201);
      await expectRegistered(who, retry.body.id);
    }
  });

  it('a profile write that fails deletes the Cognito user it created and frees the email', async () => {
    const who = person('nodb');
    tableFaults.failNext('TransactWriteItemsCommand', dynamoDown);
    expectUnavailable(await register(who));
    expect(cognitoFaults.sent.map((call) => call.command)).toContain('AdminDeleteUserCommand');
    const retry = await register(who);
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    await expectRegistered(who, retry.body.id);
  });

  it('an attempt that dies after creating the user (nothing undone) is finished by the same person retrying', async () => {
    const who = person('died');
    // The profile cannot be written, and nothing can be undone: as if the function timed out there.
    tableFaults.failNext('TransactWriteItemsCommand', dynamoDown);
    tableFaults.failNext('DeleteItemCommand', dynamoDown, onTheClaim);
    cognitoFaults.failNext('AdminDeleteUserCommand', throttled);
    expectUnavailable(await register(who));
    const meanwhile = await register(who);
    expect(meanwhile.status, 'while the first attempt may still run').toBe(409);
    await leaseRunsOut(who.email);
    const someoneElse = await register({ ...who, password: 'Other1234pass' });
    expect(someoneElse.status, JSON.stringify(someoneElse.body)).toBe(409);
    expect(someoneElse.body.code).toBe('email_taken');
    const retry = await register(who);
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    await expectRegistered(who, retry.body.id);
    expect((await register(who)).body.code, 'registered for good').toBe('email_taken');
  });

  it('an attempt that dies before setting the password is finished by the next one', async () => {
    const who = person('nopassword');
    cognitoFaults.failNext('AdminSetUserPasswordCommand', throttled);
    cognitoFaults.failNext('AdminDeleteUserCommand', throttled);
    tableFaults.failNext('DeleteItemCommand', dynamoDown, onTheClaim);
    expectUnavailable(await register(who));
    await leaseRunsOut(who.email);
    const retry = await register(who);
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    await expectRegistered(who, retry.body.id);
  });

  it('a hosted-UI sign-up whose trigger failed halfway is finished by registering with the same password', async () => {
    const who = person('hosted');
    const { cognito } = functions.cognito;
    await cognito.send(
      new SignUpCommand({
        ClientId: functions.config.userPoolClientId,
        Username: who.email,
        Password: who.password,
        UserAttributes: [
          { Name: 'email', Value: who.email },
          { Name: 'name', Value: who.name },
          { Name: 'phone_number', Value: who.phoneNumber },
        ],
      }),
    );
    cognitoFaults.failNext('AdminAddUserToGroupCommand', throttled);
    // Confirmed (the code was right), but the trigger failed before the group and the profile.
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: functions.config.userPoolId, Username: who.email })).catch(() => undefined);
    expect(cognitoFaults.pending()).toBe(0);
    expect(await client.call('GET', '/v1/me', { token: await client.signIn(who.email, who.password) })).toMatchObject({ status: 403 });
    const retry = await register(who);
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    await expectRegistered(who, retry.body.id);
  });
});

describe('Idempotency-Key on registration', () => {
  it('two people using the same key register two accounts', async () => {
    const [ann, ben] = [person('ann'), person('ben')];
    const headers = { 'idempotency-key': '1' };
    const first = await client.call('POST', '/v1/auth/register', { body: ann, headers });
    const second = await client.call('POST', '/v1/auth/register', { body: ben, headers });
    expect([first.status, second.status], JSON.stringify(second.body)).toEqual([201, 201]);
    expect(second.body).toMatchObject({ email: ben.email, name: 'ben' });
    const retry = await client.call('POST', '/v1/auth/register', { body: ann, headers });
    expect(retry.body).toEqual(first.body);
    const otherPassword = await client.call('POST', '/v1/auth/register', { body: { ...ann, password: 'Different123' }, headers });
    expect(otherPassword.status).toBe(422);
  });

  it('the idempotency table keeps no hash of the password, nor of a body holding it', async () => {
    const who = person('secret');
    const raw = JSON.stringify(who);
    expect((await client.call('POST', '/v1/auth/register', { body: raw, headers: { 'idempotency-key': 'secret-key' } })).status).toBe(201);
    const { ScanCommand } = await import('@aws-sdk/client-dynamodb');
    const { dynamodb } = await import('../../functions/data/client');
    const { Items = [] } = await dynamodb.send(new ScanCommand({ TableName: functions.config.idempotencyTableName }));
    const stored = JSON.stringify(Items);
    expect(stored).toContain(who.email.split('@')[0]);
    const { createHash } = await import('node:crypto');
    for (const secret of [who.password, raw, JSON.stringify(raw)]) {
      for (const algorithm of ['md5', 'sha256']) {
        for (const encoding of ['hex', 'base64'] as const) expect(stored).not.toContain(createHash(algorithm).update(secret).digest(encoding));
      }
    }
    expect(stored).not.toContain(who.password);
  });
});

describe("Cognito's email", () => {
  it('registering through the API mails nothing (no verification code, no draw on the email quota)', async () => {
    const who = person('nomail');
    expect((await register(who)).status).toBe(201);
    expect(cognitoFaults.sent.map((call) => call.command)).not.toContain('SignUpCommand');
    const cognitoLog = readFileSync(client.stack.paths.cognitoLog, 'utf8');
    expect(cognitoLog).not.toContain(who.email);
  });
});
