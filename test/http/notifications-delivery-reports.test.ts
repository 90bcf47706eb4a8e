import { ulid } from 'ulid';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDelivery } from '../../functions/data/sms-deliveries';
import { attemptDelivery } from '../../functions/notifications/attempt';
import { handler } from '../../functions/http/sms/delivery-report';
import { httpEvent, invoke, lambdaContext } from '../fixtures/events';

const ROUTE = 'POST /v1/sms/delivery-reports';
const SECRET = 'callback-secret-for-tests';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

beforeEach(() => {
  process.env.SMS_CALLBACK_SECRET = SECRET;
});

/** A delivery the provider accepted, as the consumer records it. */
async function aSentDelivery() {
  const orderId = ulid();
  const providerMessageId = `ATXid_${ulid()}`;
  const sender = { name: 'test', send: async () => ({ providerMessageId, providerStatus: 'Success', cost: 'KES 0.8000' }) };
  const settings = { sender, deadLetters: () => expect.unreachable('no dead letter') as never, maxAttempts: 1, leaseMs: 30_000, now: () => new Date() };
  await attemptDelivery(settings, { orderId, state: 'APPROVED', recipientId: 'c-1', to: '+254722000012', message: 'Dear customer, …' });
  return { orderId, state: 'APPROVED' as const, providerMessageId };
}

/** `token: null` sends none. */
const report = (fields: Record<string, string>, token: string | null = SECRET) =>
  invoke(handler, ROUTE, { body: new URLSearchParams(fields).toString(), headers: FORM, ...(token !== null && { query: { token } }) });

describe('POST /v1/sms/delivery-reports', () => {
  it('answers 401 problem+json without the right token, before looking at the body', async () => {
    for (const token of [null, '', 'wrong', `${SECRET}x`, SECRET.slice(0, -1)]) {
      const response = await report({ id: 'x', status: 'Success' }, token);
      expect(response.statusCode, String(token)).toBe(401);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(response.body).toMatchObject({ status: 401, code: 'unauthorized' });
    }
    expect((await report({}, 'wrong')).statusCode).toBe(401);
  });

  it('answers 401 to everyone while no callback secret is configured', async () => {
    delete process.env.SMS_CALLBACK_SECRET;
    expect((await report({ id: 'x', status: 'Success' }, '')).statusCode).toBe(401);
    expect((await report({ id: 'x', status: 'Success' }, 'undefined')).statusCode).toBe(401);
  });

  it('marks a known message delivered on Success, with the network code', async () => {
    const delivery = await aSentDelivery();
    const response = await report({ id: delivery.providerMessageId, status: 'Success', phoneNumber: '+254722000012', networkCode: '63902', retryCount: '0' });
    expect(response.statusCode).toBe(200);
    expect(await getDelivery(delivery)).toMatchObject({ status: 'delivered', providerStatus: 'Success', networkCode: '63902', reportedAt: expect.any(String) });

    // Never back: a late in-between or failure report leaves it delivered.
    await report({ id: delivery.providerMessageId, status: 'Buffered' });
    await report({ id: delivery.providerMessageId, status: 'Failed', failureReason: 'DeliveryFailure' });
    expect(await getDelivery(delivery)).toMatchObject({ status: 'delivered', providerStatus: 'Success' });
  });

  it('records failures with the reason, and in-between statuses without changing the status', async () => {
    const delivery = await aSentDelivery();
    await report({ id: delivery.providerMessageId, status: 'Buffered' });
    expect(await getDelivery(delivery)).toMatchObject({ status: 'sent', providerStatus: 'Buffered' });
    await report({ id: delivery.providerMessageId, status: 'Failed', failureReason: 'UserInBlacklist' });
    expect(await getDelivery(delivery)).toMatchObject({ status: 'failed', providerStatus: 'Failed', failureReason: 'UserInBlacklist' });
    await report({ id: delivery.providerMessageId, status: 'Sent' });
    expect(await getDelivery(delivery)).toMatchObject({ status: 'failed', providerStatus: 'Failed' });
  });

  it('acknowledges a report for an unknown message with 200 (the provider retries anything else)', async () => {
    const response = await report({ id: 'ATXid_unknown', status: 'Success' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ received: true });
  });

  it('reads base64-encoded form bodies as API Gateway may pass them', async () => {
    const delivery = await aSentDelivery();
    const body = Buffer.from(new URLSearchParams({ id: delivery.providerMessageId, status: 'Rejected' }).toString()).toString('base64');
    const event = httpEvent(ROUTE, { body, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, query: { token: SECRET } });
    const result = (await handler({ ...event, isBase64Encoded: true }, lambdaContext())) as { statusCode: number };
    expect(result.statusCode).toBe(200);
    expect(await getDelivery(delivery)).toMatchObject({ status: 'failed', providerStatus: 'Rejected' });
  });

  it('answers 400 to a report without an id or status', async () => {
    const response = await report({ status: 'Success' });
    expect(response.statusCode).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    expect((await report({ id: 'x' })).statusCode).toBe(400);
  });
});
