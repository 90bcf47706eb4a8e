import { describe, expect, it, vi } from 'vitest';
import { africasTalkingClient, AfricasTalkingSender, type SendSms } from '../../functions/notifications/africas-talking';
import { SmsRejected, SmsTemporaryFailure, type SmsMessage } from '../../functions/notifications/ports';

const message: SmsMessage = { to: '+254722000012', message: 'Dear customer, your order ABC123 has been created.', orderId: '01ORDER', state: 'CREATED' };

const response = (...recipients: object[]) => ({ SMSMessageData: { Message: `Sent to ${recipients.length}/1`, Recipients: recipients } });
const recipient = (statusCode: number, status: string, extra: object = {}) => ({ statusCode, status, number: message.to, cost: 'KES 0.8000', ...extra });

function senderWith(send: SendSms, options: { senderId?: string; timeoutMs?: number } = {}) {
  return new AfricasTalkingSender({ client: async () => ({ send, senderId: options.senderId }), timeoutMs: options.timeoutMs ?? 1000 });
}

const failureOf = async (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the send should fail'), (error: unknown) => error);

describe("the Africa's Talking sender", () => {
  it('sends one message to the number, with the sender id, and returns the receipt', async () => {
    const send = vi.fn<SendSms>().mockResolvedValue(response(recipient(101, 'Success', { messageId: 'ATXid_1' })));
    const receipt = await senderWith(send, { senderId: 'BEVSHOP' }).send(message);
    expect(send).toHaveBeenCalledWith({ to: ['+254722000012'], message: message.message, from: 'BEVSHOP' });
    expect(receipt).toEqual({ providerMessageId: 'ATXid_1', providerStatus: 'Success', cost: 'KES 0.8000' });
  });

  it('sends without `from` when no sender id is configured; queued (102) and processed (100) count as accepted', async () => {
    const send = vi.fn<SendSms>().mockResolvedValue(response(recipient(102, 'Queued', { messageId: 'ATXid_2' })));
    await expect(senderWith(send).send(message)).resolves.toMatchObject({ providerMessageId: 'ATXid_2', providerStatus: 'Queued' });
    expect(send.mock.calls[0]![0]).not.toHaveProperty('from');
    send.mockResolvedValue(response(recipient(100, 'Processed', { messageId: 'ATXid_3' })));
    await expect(senderWith(send).send(message)).resolves.toMatchObject({ providerMessageId: 'ATXid_3' });
  });

  it.each([
    [403, 'InvalidPhoneNumber'],
    [404, 'UnsupportedNumberType'],
    [406, 'UserInBlacklist'],
    [409, 'DoNotDisturbRejection'],
  ])('treats a recipient refused with %i %s as a permanent failure, although the call resolved', async (statusCode, status) => {
    const send = vi.fn<SendSms>().mockResolvedValue(response(recipient(statusCode, status, { messageId: 'None', cost: '0' })));
    const error = await failureOf(senderWith(send).send(message));
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
    const send = vi.fn<SendSms>().mockResolvedValue(response(recipient(statusCode, status)));
    const error = await failureOf(senderWith(send).send(message));
    expect(error).toBeInstanceOf(SmsTemporaryFailure);
    expect(error).not.toBeInstanceOf(SmsRejected);
    expect(error).toMatchObject({ providerStatus: status, statusCode });
  });

  it('checks every recipient, not just the first', async () => {
    const send = vi.fn<SendSms>().mockResolvedValue(response(recipient(101, 'Success', { messageId: 'ATXid_1' }), recipient(406, 'UserInBlacklist')));
    expect(await failureOf(senderWith(send).send(message))).toBeInstanceOf(SmsRejected);
  });

  it('treats a response without recipients (e.g. "InvalidSenderId") or without a message id as transient', async () => {
    const send = vi.fn<SendSms>().mockResolvedValue({ SMSMessageData: { Message: 'InvalidSenderId', Recipients: [] } });
    expect(await failureOf(senderWith(send).send(message))).toMatchObject({ name: 'SmsTemporaryFailure', providerStatus: 'InvalidSenderId' });
    send.mockResolvedValue('<html>Bad gateway</html>');
    expect(await failureOf(senderWith(send).send(message))).toBeInstanceOf(SmsTemporaryFailure);
    send.mockResolvedValue(response(recipient(101, 'Success')));
    expect(await failureOf(senderWith(send).send(message))).toBeInstanceOf(SmsTemporaryFailure);
  });

  it('treats network errors and HTTP errors (even 401: our key, fixable, then replayable) as transient', async () => {
    const send = vi.fn<SendSms>().mockRejectedValue(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(await failureOf(senderWith(send).send(message))).toBeInstanceOf(SmsTemporaryFailure);
    send.mockRejectedValue(Object.assign(new Error('Request failed with status code 401'), { response: { status: 401, data: 'The supplied authentication is invalid' } }));
    expect(await failureOf(senderWith(send).send(message))).toMatchObject({ name: 'SmsTemporaryFailure', providerStatus: 'HTTP 401' });
  });

  it('times out a hung call as a transient failure', async () => {
    const send = vi.fn<SendSms>().mockReturnValue(new Promise(() => undefined));
    const started = Date.now();
    const error = await failureOf(senderWith(send, { timeoutMs: 50 }).send(message));
    expect(error).toBeInstanceOf(SmsTemporaryFailure);
    expect(error).toMatchObject({ providerStatus: 'Timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('with the real SDK (sandbox username): a number the SDK itself refuses is a permanent failure, without any request', async () => {
    const client = await africasTalkingClient({ username: 'sandbox', apiKey: 'test-key' });
    const sender = new AfricasTalkingSender({ client: async () => client, timeoutMs: 1000 });
    const error = await failureOf(sender.send({ ...message, to: '+1234' }));
    expect(error).toBeInstanceOf(SmsRejected);
    expect(error).toMatchObject({ providerStatus: 'InvalidPhoneNumber' });
  });
});
