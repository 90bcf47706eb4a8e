import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { ulid } from 'ulid';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createOrder } from '../../functions/data/orders';
import { getDelivery } from '../../functions/data/sms-deliveries';
import { FileDeadLetterQueue } from '../../functions/notifications/dead-letters';
import { smsMetrics } from '../../functions/notifications/metrics';
import { attemptSettingsOf, createNotifier, type NotifierOptions } from '../../functions/notifications/notify';
import { SmsOutcomeUnknown, type SmsMessage, type SmsReceipt } from '../../functions/notifications/ports';
import { replaySmsDeadLetters } from '../../functions/notifications/replay';
import { resolveUncertainSms } from '../../functions/notifications/resolve';
import { sweepDueDeliveries } from '../../functions/notifications/sweep';
import { orderNotificationsHandler } from '../../functions/streams/order-notifications';
import { lambdaContext } from '../fixtures/events';
import { aCustomer } from '../fixtures/shop';
import { insertRecord, rawOrderItem, streamEvent } from '../fixtures/stream-records';
import { failNext } from '../support/dynamodb-faults';
import { TestClock } from './clock';
import { FakeSender } from './fake-sender';

/** A provider that takes the message and then never answers in time: the customer gets it, we do not know. */
class DeliversThenTimesOut extends FakeSender {
  override async send(message: SmsMessage): Promise<SmsReceipt> {
    await super.send(message);
    throw new SmsOutcomeUnknown("Africa's Talking did not answer within 5000 ms; the message may have been sent");
  }
}

let sender: FakeSender;
let deadLetters: FileDeadLetterQueue;
let clock: TestClock;

const options = (): NotifierOptions => ({ sender, deadLetters: () => deadLetters, maxAttempts: 10, now: clock.now });
const consume = (...records: DynamoDBRecord[]) => orderNotificationsHandler(createNotifier(options()))(streamEvent(...records), lambdaContext('order-notifications'));
const sweep = () => sweepDueDeliveries(attemptSettingsOf(options()));
const replay = () => replaySmsDeadLetters({ sender, deadLetters, now: clock.now });
const deliveryOf = (orderId: string) => getDelivery({ orderId, state: 'CREATED' });

/** Fails the next update whose input holds `marker` (a status it writes), as if the invocation died right there. */
const crashAtWriteOf = (marker: string) =>
  failNext('UpdateItemCommand', () => new Error(`The invocation died before writing "${marker}"`), { when: (input) => JSON.stringify(input).includes(`"${marker}"`) });

async function anOrderInsert() {
  const customer = await aCustomer(`c-${ulid()}`);
  const order = await createOrder(customer.id, { caller: { id: customer.id, role: 'customer' } });
  return { orderId: order.id, insert: insertRecord(await rawOrderItem(order.id)) };
}

beforeEach(() => {
  sender = new FakeSender();
  deadLetters = new FileDeadLetterQueue(join(mkdtempSync(join(tmpdir(), 'sms-dlq-')), 'sms-dlq.jsonl'));
  clock = new TestClock();
});

describe('SMS delivery faults, injected at the exact step', () => {
  it('a crash between claim and send: nothing went out, so after the lease the sweep sends it, once', async () => {
    const { orderId, insert } = await anOrderInsert();
    crashAtWriteOf('sending');

    // Our own write failed: the only kind of failure the stream retries.
    expect((await consume(insert)).batchItemFailures).toHaveLength(1);
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'claimed', attempts: 1 });
    // The stream's retry while the lease holds neither sends nor fails.
    expect(await consume(insert)).toEqual({ batchItemFailures: [] });
    await sweep();
    expect(sender.triesFor(orderId)).toBe(0);

    clock.advance(36_000);
    await sweep();
    expect(sender.sent.filter((message) => message.orderId === orderId)).toHaveLength(1);
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'sent', attempts: 2 });
    clock.advanceMinutes(30);
    await sweep();
    await consume(insert);
    expect(sender.triesFor(orderId)).toBe(1);
  });

  it('a crash between send and record: the outcome is unknown, so it is parked as uncertain and counted, never resent', async () => {
    const { orderId, insert } = await anOrderInsert();
    const counted = vi.spyOn(smsMetrics, 'addMetric');
    crashAtWriteOf('sent');

    expect((await consume(insert)).batchItemFailures).toHaveLength(1);
    expect(sender.triesFor(orderId)).toBe(1);
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'sending' });
    expect(await consume(insert)).toEqual({ batchItemFailures: [] });

    clock.advance(36_000);
    const report = await sweep();
    expect(report.outcomes['parked-uncertain']).toBeGreaterThanOrEqual(1);
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'uncertain', uncertainReason: expect.stringContaining('never recorded an outcome') });
    expect(counted).toHaveBeenCalledWith('SmsUncertain', expect.anything(), 1);
    clock.advanceMinutes(120);
    await sweep();
    await consume(insert);
    expect(sender.triesFor(orderId)).toBe(1);

    // The operator checked: the customer did not get it. Resend goes through a claim, once.
    expect(await resolveUncertainSms(attemptSettingsOf(options()), { orderId, state: 'CREATED', as: 'resend' })).toMatchObject({ resolved: true });
    expect(await resolveUncertainSms(attemptSettingsOf(options()), { orderId, state: 'CREATED', as: 'resend' })).toMatchObject({ resolved: false });
    expect(sender.triesFor(orderId)).toBe(2);
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a provider that times out but delivers: uncertain, not resent; the operator resolves it as sent', async () => {
    sender = new DeliversThenTimesOut();
    const { orderId, insert } = await anOrderInsert();

    expect(await consume(insert)).toEqual({ batchItemFailures: [] });
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'uncertain', uncertainReason: expect.stringContaining('may have been sent') });
    clock.advanceMinutes(120);
    await sweep();
    await consume(insert);
    expect(sender.triesFor(orderId)).toBe(1);
    expect((await deadLetters.receive(100)).filter(({ letter }) => letter.orderId === orderId)).toEqual([]);

    expect(await resolveUncertainSms(attemptSettingsOf(options()), { orderId, state: 'CREATED', as: 'sent' })).toEqual({ resolved: true, as: 'sent' });
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'sent', providerStatus: 'ResolvedByOperator' });
  });

  it('a provider down for 10 minutes: paced retries (1, 2, 4, 8 min), delivered once after it recovers, no dead letter', async () => {
    const { orderId, insert } = await anOrderInsert();
    sender.breakDown();
    await consume(insert);
    const triedAt: number[] = [];
    let minutes = 0;
    for (; minutes < 30 && (await deliveryOf(orderId))?.status !== 'sent'; minutes++) {
      clock.advanceMinutes(1);
      if (minutes + 1 === 10) sender.heal();
      const before = sender.triesFor(orderId);
      await sweep();
      if (sender.triesFor(orderId) > before) triedAt.push(minutes + 1);
    }
    expect(triedAt).toEqual([1, 3, 7, 15]);
    expect(sender.sent.filter((message) => message.orderId === orderId)).toHaveLength(1);
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'sent', attempts: 5 });
    expect((await deadLetters.receive(100)).filter(({ letter }) => letter.orderId === orderId)).toEqual([]);
  });

  it('the SMS dead-letter queue refusing the last attempt’s letter: the delivery waits and is dead-lettered on the next attempt', async () => {
    const { orderId, insert } = await anOrderInsert();
    sender.breakDown();
    const refusing = { ...deadLetters, name: 'refusing', put: () => Promise.reject(new Error('SQS is down')) } as unknown as FileDeadLetterQueue;
    const handler = orderNotificationsHandler(createNotifier({ ...options(), maxAttempts: 1, deadLetters: () => refusing }));
    expect(await handler(streamEvent(insert), lambdaContext('order-notifications'))).toEqual({ batchItemFailures: [] });
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'retrying', attempts: 1 });
    clock.advanceMinutes(1);
    await sweepDueDeliveries(attemptSettingsOf({ ...options(), maxAttempts: 1 }));
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'dead_lettered', attempts: 2 });
    expect((await deadLetters.receive(100)).filter(({ letter }) => letter.orderId === orderId)).toHaveLength(1);
  });

  it('a customer without a phone number: dropped with its reason, not an error', async () => {
    const { orderId, insert } = await anOrderInsert();
    const handler = orderNotificationsHandler(createNotifier({ ...options(), phoneOf: async () => null }));
    expect(await handler(streamEvent(insert), lambdaContext('order-notifications'))).toEqual({ batchItemFailures: [] });
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'dropped', failureReason: 'The customer has no phone number', attempts: 0 });
    expect(sender.triesFor(orderId)).toBe(0);
  });
});

describe('replay of the SMS dead-letter queue, claiming as the consumer does', () => {
  /** A message that used its attempts (maxAttempts 1) and sits in the queue. */
  async function aDeadLetter() {
    const order = await anOrderInsert();
    sender.breakDown();
    await orderNotificationsHandler(createNotifier({ ...options(), maxAttempts: 1 }))(streamEvent(order.insert), lambdaContext());
    sender.heal();
    expect(await deliveryOf(order.orderId)).toMatchObject({ status: 'dead_lettered' });
    return order;
  }

  it('two replays at once send once; the letter is deleted once recorded', async () => {
    const { orderId } = await aDeadLetter();
    sender.delayMs = 200;
    const reports = await Promise.all([replay(), replay()]);
    expect(sender.sent.filter((message) => message.orderId === orderId)).toHaveLength(1);
    expect(reports.map((report) => report.counts.sent).sort()).toEqual([0, 1]);
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'sent' });
    expect(await deadLetters.receive(10)).toEqual([]);
  });

  it('a replay racing the consumer’s redelivery and the sweep sends once', async () => {
    const { orderId, insert } = await aDeadLetter();
    sender.delayMs = 200;
    clock.advanceMinutes(30);
    await Promise.all([replay(), consume(insert), sweep(), consume(insert)]);
    expect(sender.sent.filter((message) => message.orderId === orderId)).toHaveLength(1);
    expect(await deadLetters.receive(10)).toEqual([]);
  });

  it('a replay racing a consumer that is still sending leaves the letter for the next run', async () => {
    const { orderId, insert } = await anOrderInsert();
    sender.delayMs = 300;
    const sending = consume(insert);
    while (sender.calls === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const delivery = (await deliveryOf(orderId))!;
    await deadLetters.put({ to: delivery.to, message: delivery.message, orderId, state: 'CREATED', reason: 'test', attempts: 1, deadLetteredAt: clock.now().toISOString() });
    expect((await replay()).counts).toMatchObject({ 'in-flight': 1, sent: 0 });
    await sending;
    expect((await replay()).counts).toMatchObject({ skipped: 1, sent: 0 });
    expect(sender.triesFor(orderId)).toBe(1);
  });

  it('a replay goes through more than a batch of 10 letters that all stay queued, then sends them all', async () => {
    const letters = [];
    for (let count = 0; count < 25; count++) letters.push(await aDeadLetter());
    sender.breakDown();
    expect((await replay()).counts).toMatchObject({ failed: 25, sent: 0 });
    expect(await deadLetters.receive(100)).toHaveLength(25);
    sender.heal();
    expect((await replay()).counts).toMatchObject({ sent: 25, failed: 0 });
    expect(sender.sent.map(({ orderId }) => orderId).sort()).toEqual(letters.map(({ orderId }) => orderId).sort());
  });

  it('replays a letter whose delivery was dead-lettered before the rename (`dead-lettered`)', async () => {
    const { orderId } = await aDeadLetter();
    const { shop } = await import('../../functions/data/service');
    await shop.entities.smsDelivery.patch({ orderId, state: 'CREATED' }).set({ status: 'dead-lettered' }).go();
    expect((await replay()).counts).toMatchObject({ sent: 1 });
    expect(await deliveryOf(orderId)).toMatchObject({ status: 'sent' });
  });
});
