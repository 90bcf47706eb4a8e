import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AfricasTalkingSender } from '../../functions/notifications/africas-talking';
import { FileDeadLetterQueue, SqsDeadLetterQueue } from '../../functions/notifications/dead-letters';
import { LocalOutboxSender } from '../../functions/notifications/outbox';
import { SmsTemporaryFailure, type SmsDeadLetter } from '../../functions/notifications/ports';
import { smsCallbackSecret } from '../../functions/notifications/secret';
import { smsDeadLetterQueue, smsSender } from '../../functions/notifications/sender';

const { getSecret } = vi.hoisted(() => ({ getSecret: vi.fn() }));
// The functions read secrets through one SecretsProvider (functions/platform/secrets.ts, traced client): its get is the mock.
vi.mock('@aws-lambda-powertools/parameters/secrets', () => ({ getSecret, SecretsProvider: class { get = getSecret; } }));

const VARS = ['SMS_OUTBOX_FILE', 'AT_USERNAME', 'AT_API_KEY', 'AT_SECRET_ARN', 'SMS_DLQ_URL', 'SMS_DLQ_FILE', 'SMS_CALLBACK_SECRET'];
const saved = Object.fromEntries(VARS.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
const withEnv = (values: Record<string, string>) => {
  for (const name of VARS) delete process.env[name];
  Object.assign(process.env, values);
};

const dir = () => mkdtempSync(join(tmpdir(), 'sms-'));
const letter: SmsDeadLetter = {
  to: '+254722000012',
  message: 'Dear customer, your order ABC123 has been created.',
  orderId: '01ORDER',
  state: 'CREATED',
  reason: 'SmsTemporaryFailure: down',
  attempts: 5,
  deadLetteredAt: '2026-03-01T10:00:00.000Z',
};

describe('the choice of SMS sender', () => {
  it("is Africa's Talking with AT_USERNAME and AT_API_KEY, or with a secret in AWS", () => {
    withEnv({ AT_USERNAME: 'sandbox', AT_API_KEY: 'key', SMS_OUTBOX_FILE: '/tmp/outbox.jsonl' });
    expect(smsSender()).toBeInstanceOf(AfricasTalkingSender);
    withEnv({ AT_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:at' });
    expect(smsSender()).toBeInstanceOf(AfricasTalkingSender);
  });

  it('is the local outbox without credentials (one of the two is not enough), and an error with neither', () => {
    withEnv({ AT_USERNAME: 'sandbox', SMS_OUTBOX_FILE: '/tmp/outbox.jsonl' });
    expect(smsSender()).toBeInstanceOf(LocalOutboxSender);
    withEnv({});
    expect(() => smsSender()).toThrow(/No SMS sender configured/);
  });

  it('the local outbox appends the contract’s JSON lines', async () => {
    const file = join(dir(), 'nested', 'sms-outbox.jsonl');
    const sender = new LocalOutboxSender(file);
    const receipt = await sender.send({ to: letter.to, message: letter.message, orderId: letter.orderId, state: 'CREATED' });
    await sender.send({ to: letter.to, message: 'second', orderId: letter.orderId, state: 'PENDING' });
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { to: letter.to, message: letter.message, orderId: '01ORDER', state: 'CREATED', sentAt: expect.any(String), messageId: receipt.providerMessageId },
      expect.objectContaining({ message: 'second', state: 'PENDING' }),
    ]);
    expect(Object.keys(lines[0]).sort()).toEqual(['message', 'messageId', 'orderId', 'sentAt', 'state', 'to']);
  });
});

describe('the SMS dead-letter queue', () => {
  it('is SQS with SMS_DLQ_URL, else SMS_DLQ_FILE, else a file next to the outbox', () => {
    withEnv({ SMS_DLQ_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/sms-dlq', SMS_OUTBOX_FILE: '/data/sms-outbox.jsonl' });
    expect(smsDeadLetterQueue()).toBeInstanceOf(SqsDeadLetterQueue);
    withEnv({ SMS_DLQ_FILE: '/elsewhere/dlq.jsonl', SMS_OUTBOX_FILE: '/data/sms-outbox.jsonl' });
    expect(smsDeadLetterQueue()).toMatchObject({ file: '/elsewhere/dlq.jsonl' });
    withEnv({ SMS_OUTBOX_FILE: '/data/sms-outbox.jsonl' });
    expect(smsDeadLetterQueue()).toMatchObject({ file: '/data/sms-dlq.jsonl' });
    withEnv({});
    expect(() => smsDeadLetterQueue()).toThrow(/No SMS dead-letter queue/);
  });

  it('as a file: letters come back until deleted, and deleting never rewrites (a letter added meanwhile stays)', async () => {
    const queue = new FileDeadLetterQueue(join(dir(), 'sms-dlq.jsonl'));
    expect(await queue.receive(10)).toEqual([]);
    await queue.put(letter);
    await queue.put({ ...letter, state: 'PENDING' });
    const [first, second] = await queue.receive(10);
    expect(first!.letter).toEqual(letter);
    await queue.delete(first!.receipt);
    await queue.put({ ...letter, state: 'APPROVED' });
    expect((await queue.receive(10)).map(({ letter: { state } }) => state)).toEqual(['PENDING', 'APPROVED']);
    expect((await queue.receive(1)).map(({ receipt }) => receipt)).toEqual([second!.receipt]);
  });

  it('as a file written before the generic queue (lines {id, kind, letter}): its letters are received, and deletes old and new hold', async () => {
    const file = join(dir(), 'sms-dlq.jsonl');
    const oldLine = (id: string, state: string) => JSON.stringify({ id, kind: 'sms-dead-letter', letter: { ...letter, recipientId: 'customer-1', state } });
    writeFileSync(file, `${[oldLine('01OLD1', 'CREATED'), oldLine('01OLD2', 'PENDING'), JSON.stringify({ deleted: '01OLD1' })].join('\n')}\n`);
    const queue = new FileDeadLetterQueue(file);
    expect(await queue.receive(10)).toEqual([{ letter: { ...letter, recipientId: 'customer-1', state: 'PENDING' }, receipt: '01OLD2' }]);
    await queue.delete('01OLD2');
    await queue.put({ ...letter, state: 'APPROVED' });
    expect((await new FileDeadLetterQueue(file).receive(10)).map(({ letter: { state } }) => state)).toEqual(['APPROVED']);
  });

  it('as SQS: sends the whole letter, and reads back only SMS letters', async () => {
    const send = vi.fn();
    const queue = new SqsDeadLetterQueue({ send } as unknown as SQSClient, 'https://sqs.example/q');
    await queue.put(letter);
    const command = send.mock.calls[0]![0] as SendMessageCommand;
    expect(command).toBeInstanceOf(SendMessageCommand);
    expect(command.input.QueueUrl).toBe('https://sqs.example/q');
    const body = JSON.parse(command.input.MessageBody!);
    expect(body).toEqual({ kind: 'sms-dead-letter', ...letter });

    send.mockResolvedValueOnce({
      Messages: [
        { Body: command.input.MessageBody, ReceiptHandle: 'r1' },
        { Body: JSON.stringify({ DDBStreamBatchInfo: {} }), ReceiptHandle: 'r2' },
        { Body: 'not json', ReceiptHandle: 'r3' },
      ],
    });
    expect(await queue.receive(10)).toEqual([{ letter, receipt: 'r1' }]);
    expect(send.mock.calls[1]![0]).toBeInstanceOf(ReceiveMessageCommand);
  });
});

describe("the Africa's Talking secret (AWS)", () => {
  const arn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:at';

  it('is read by ARN, as JSON, cached for a while', async () => {
    withEnv({ AT_SECRET_ARN: arn });
    getSecret.mockResolvedValue({ username: '', apiKey: '', callbackSecret: 'from-secret' });
    expect(await smsCallbackSecret()).toBe('from-secret');
    expect(getSecret).toHaveBeenCalledWith(arn, { transform: 'json', maxAge: 300 });
  });

  it('still a placeholder (empty username or apiKey): sends fail as transient, so messages are retried and dead-lettered, not lost', async () => {
    withEnv({ AT_SECRET_ARN: arn });
    getSecret.mockResolvedValue({ username: '', apiKey: '' });
    const error = await smsSender()
      .send({ to: letter.to, message: letter.message, orderId: letter.orderId, state: 'CREATED' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SmsTemporaryFailure);
    expect(error).toMatchObject({ providerStatus: 'NotConfigured' });
  });
});

describe('the delivery-report callback secret', () => {
  it('is SMS_CALLBACK_SECRET first; unset (or empty) and no secret means none', async () => {
    withEnv({ SMS_CALLBACK_SECRET: 's3cret', AT_SECRET_ARN: 'arn:x' });
    getSecret.mockResolvedValue({ callbackSecret: 'other' });
    expect(await smsCallbackSecret()).toBe('s3cret');
    withEnv({ SMS_CALLBACK_SECRET: '' });
    expect(await smsCallbackSecret()).toBeUndefined();
  });
});
