import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AfricasTalkingSender, messagingUrl } from '../../functions/notifications/africas-talking';
import { SmsOutcomeUnknown, SmsRejected, SmsTemporaryFailure, type SmsMessage } from '../../functions/notifications/ports';
import { freePort } from '../../lib/local/ports';

const message: SmsMessage = { to: '+254722000012', message: 'Dear customer, your order ABC123 has been created.', orderId: '01ORDER', state: 'CREATED' };

const response = (...recipients: object[]) => ({ SMSMessageData: { Message: `Sent to ${recipients.length}/1`, Recipients: recipients } });
const recipient = (statusCode: number, status: string, extra: object = {}) => ({ statusCode, status, number: message.to, cost: 'KES 0.8000', ...extra });
const answer = (body: unknown, status = 201) => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });

type Fetch = typeof fetch;

function senderWith(fetchImpl: Fetch, options: { senderId?: string; timeoutMs?: number; url?: string } = {}) {
  return new AfricasTalkingSender({
    credentials: async () => ({ username: 'shop', apiKey: 'key-1', ...(options.senderId && { senderId: options.senderId }) }),
    timeoutMs: options.timeoutMs ?? 1000,
    fetch: fetchImpl,
    ...(options.url && { url: options.url }),
  });
}

const failureOf = async (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the send should fail'), (error: unknown) => error);

describe("the Africa's Talking sender", () => {
  it('posts one form-encoded message to the number, with the sender id and the API key, and returns the receipt', async () => {
    const fake = vi.fn<Fetch>().mockResolvedValue(answer(response(recipient(101, 'Success', { messageId: 'ATXid_1' }))));
    const receipt = await senderWith(fake, { senderId: 'BEVSHOP' }).send(message);
    const [url, init] = fake.mock.calls[0]!;
    expect(url).toBe('https://api.africastalking.com/version1/messaging');
    expect(init).toMatchObject({ method: 'POST', headers: { apiKey: 'key-1', accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' } });
    expect(Object.fromEntries(init!.body as URLSearchParams)).toEqual({ username: 'shop', to: '+254722000012', message: message.message, from: 'BEVSHOP' });
    expect(init!.signal).toBeInstanceOf(AbortSignal);
    expect(receipt).toEqual({ providerMessageId: 'ATXid_1', providerStatus: 'Success', cost: 'KES 0.8000' });
  });

  it('uses the sandbox for the "sandbox" username', () => {
    expect(messagingUrl({ username: 'sandbox', apiKey: 'k' })).toBe('https://api.sandbox.africastalking.com/version1/messaging');
  });

  it('sends without `from` when no sender id is configured; queued (102) and processed (100) count as accepted', async () => {
    const fake = vi.fn<Fetch>().mockResolvedValue(answer(response(recipient(102, 'Queued', { messageId: 'ATXid_2' }))));
    await expect(senderWith(fake).send(message)).resolves.toMatchObject({ providerMessageId: 'ATXid_2', providerStatus: 'Queued' });
    expect(Object.fromEntries(fake.mock.calls[0]![1]!.body as URLSearchParams)).not.toHaveProperty('from');
    fake.mockResolvedValue(answer(response(recipient(100, 'Processed', { messageId: 'ATXid_3' }))));
    await expect(senderWith(fake).send(message)).resolves.toMatchObject({ providerMessageId: 'ATXid_3' });
  });

  it.each([
    [403, 'InvalidPhoneNumber'],
    [404, 'UnsupportedNumberType'],
    [406, 'UserInBlacklist'],
    [409, 'DoNotDisturbRejection'],
  ])('treats a recipient refused with %i %s as a permanent failure, although the call succeeded', async (statusCode, status) => {
    const fake = vi.fn<Fetch>().mockResolvedValue(answer(response(recipient(statusCode, status, { messageId: 'None', cost: '0' }))));
    const error = await failureOf(senderWith(fake).send(message));
    expect(error).toBeInstanceOf(SmsRejected);
    expect(error).toMatchObject({ providerStatus: status, statusCode });
  });

  it.each([
    [500, 'InternalServerError'],
    [501, 'GatewayError'],
    [502, 'RejectedByGateway'],
    [405, 'InsufficientBalance'],
    [407, 'CouldNotRoute'],
    [401, 'RiskHold'],
    [402, 'InvalidSenderId'],
    [499, 'SomethingNew'],
  ])('treats a recipient refused with %i %s as transient (retried)', async (statusCode, status) => {
    const fake = vi.fn<Fetch>().mockResolvedValue(answer(response(recipient(statusCode, status))));
    const error = await failureOf(senderWith(fake).send(message));
    expect(error).toBeInstanceOf(SmsTemporaryFailure);
    expect(error).toMatchObject({ providerStatus: status, statusCode });
  });

  it('checks every recipient, not just the first', async () => {
    const fake = vi.fn<Fetch>().mockResolvedValue(answer(response(recipient(101, 'Success', { messageId: 'ATXid_1' }), recipient(406, 'UserInBlacklist'))));
    expect(await failureOf(senderWith(fake).send(message))).toBeInstanceOf(SmsRejected);
  });

  it('treats a response without recipients (e.g. "InvalidSenderId") or without a message id as transient', async () => {
    const fake = vi.fn<Fetch>().mockResolvedValue(answer({ SMSMessageData: { Message: 'InvalidSenderId', Recipients: [] } }));
    expect(await failureOf(senderWith(fake).send(message))).toMatchObject({ name: 'SmsTemporaryFailure', providerStatus: 'InvalidSenderId' });
    fake.mockResolvedValue(answer('<html>odd</html>'));
    expect(await failureOf(senderWith(fake).send(message))).toBeInstanceOf(SmsTemporaryFailure);
    fake.mockResolvedValue(answer(response(recipient(101, 'Success'))));
    expect(await failureOf(senderWith(fake).send(message))).toBeInstanceOf(SmsTemporaryFailure);
  });

  it('treats HTTP 5xx, 429 and 401 (our key: fixable, then replayable) as transient', async () => {
    for (const status of [500, 503, 429, 401]) {
      const fake = vi.fn<Fetch>().mockResolvedValue(answer('The supplied authentication is invalid', status));
      expect(await failureOf(senderWith(fake).send(message))).toMatchObject({ name: 'SmsTemporaryFailure', providerStatus: `HTTP ${status}`, statusCode: status });
    }
  });
});

describe("the Africa's Talking sender over a real connection", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  /** A provider on a local port; `onRequest` decides what it does with each request (after reading it whole). */
  async function provider(onRequest: (request: IncomingMessage, respond: (status: number, body: unknown) => void, destroy: () => void) => void) {
    const received: string[] = [];
    server = createServer((request, res) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(body);
        onRequest(request, (status, payload) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload)), () => res.socket?.destroy());
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/version1/messaging`, received };
  }

  it('sends for real and reads the receipt', async () => {
    const { url, received } = await provider((_request, respond) => respond(201, response(recipient(101, 'Success', { messageId: 'ATXid_9' }))));
    await expect(senderWith(fetch, { url }).send(message)).resolves.toMatchObject({ providerMessageId: 'ATXid_9' });
    expect(new URLSearchParams(received[0]).get('to')).toBe('+254722000012');
  });

  it('aborts a call that got no answer within the timeout: the request went out, so the outcome is unknown', async () => {
    const { url, received } = await provider(() => undefined);
    const error = await failureOf(senderWith(fetch, { url, timeoutMs: 200 }).send(message));
    expect(error).toBeInstanceOf(SmsOutcomeUnknown);
    expect(received).toHaveLength(1);
  });

  it('a connection reset after the request went out is unknown too', async () => {
    const { url } = await provider((_request, _respond, destroy) => destroy());
    expect(await failureOf(senderWith(fetch, { url }).send(message))).toBeInstanceOf(SmsOutcomeUnknown);
  });

  it('a refused connection sent nothing: transient', async () => {
    const url = `http://127.0.0.1:${await freePort()}/version1/messaging`;
    const error = await failureOf(senderWith(fetch, { url }).send(message));
    expect(error).toBeInstanceOf(SmsTemporaryFailure);
    expect(error).toMatchObject({ providerStatus: 'ECONNREFUSED' });
  });
});
