import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { ulid } from 'ulid';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FulfilmentStep, OrderState } from '../../functions/core/order-states';
import { listInbox } from '../../functions/data/notifications';
import { advanceFulfilment, createOrder, getOrder, saveLines, transitionOrder } from '../../functions/data/orders';
import { getDelivery } from '../../functions/data/sms-deliveries';
import { FileDeadLetterQueue } from '../../functions/notifications/dead-letters';
import { attemptSettingsOf, createNotifier } from '../../functions/notifications/notify';
import { replaySmsDeadLetters } from '../../functions/notifications/replay';
import { sweepDueDeliveries } from '../../functions/notifications/sweep';
import { orderNotificationsHandler } from '../../functions/streams/order-notifications';
import { lambdaContext } from '../fixtures/events';
import { aCustomer, employee } from '../fixtures/shop';
import { insertRecord, modifyRecord, rawOrderItem, streamEvent, type RawItem } from '../fixtures/stream-records';
import { TestClock } from '../notifications/clock';
import { FakeSender } from '../notifications/fake-sender';
import { countingDynamoDbRequests } from '../support/dynamodb-requests';

const MAX_ATTEMPTS = 3;

let sender: FakeSender;
let deadLetters: FileDeadLetterQueue;
let clock: TestClock;
let consume: (...records: DynamoDBRecord[]) => Promise<DynamoDBBatchResponse>;

const notifierOptions = () => ({ sender, deadLetters: () => deadLetters, maxAttempts: MAX_ATTEMPTS, now: clock.now });
/** The retry sweep over the test's sender, queue and clock, `minutes` later. */
const sweepAfter = async (minutes: number) => {
  clock.advanceMinutes(minutes);
  return sweepDueDeliveries(attemptSettingsOf(notifierOptions()));
};

beforeEach(() => {
  sender = new FakeSender();
  deadLetters = new FileDeadLetterQueue(join(mkdtempSync(join(tmpdir(), 'sms-dlq-')), 'sms-dlq.jsonl'));
  clock = new TestClock();
  const handler = orderNotificationsHandler(createNotifier(notifierOptions()));
  consume = (...records) => handler(streamEvent(...records), lambdaContext('order-notifications'));
});

const failedSequences = (response: DynamoDBBatchResponse) => response.batchItemFailures.map((failure) => failure.itemIdentifier);

/** A real order going through the data layer; each step's stream record is built from the item the table then holds. */
async function anOrder(customerId: string) {
  const caller = { id: customerId, role: 'customer' as const };
  const created = await createOrder(customerId, { caller });
  let item = await rawOrderItem(created.id);
  const records: DynamoDBRecord[] = [insertRecord(item)];
  const step = async (change: () => Promise<unknown>) => {
    await change();
    const next = await rawOrderItem(created.id);
    records.push(modifyRecord(item, next));
    item = next;
    return records.at(-1)!;
  };
  const current = async () => (await getOrder(created.id))!;
  return {
    order: created,
    records,
    insert: records[0]!,
    editItems: () => step(async () => saveLines(await current(), [{ itemId: ulid(), name: 'Latte', quantity: 2, unitPriceCents: 640 }])),
    moveTo: (to: OrderState, comments?: string) =>
      step(async () =>
        transitionOrder({
          order: await current(),
          to,
          actor: { caller: to === 'APPROVED' || to === 'REJECTED' ? employee() : caller, comments },
          review: to === 'APPROVED' || to === 'REJECTED',
          deductStock: false,
        }),
      ),
    fulfil: (to: FulfilmentStep, from: FulfilmentStep, comments?: string) =>
      step(async () => advanceFulfilment(await current(), to, from, { caller: employee(), comments })),
    raw: () => item as RawItem,
  };
}

const inboxOf = (customerId: string) => listInbox(customerId, { binding: 'test', limit: 100 });

describe('the order-notifications stream consumer', () => {
  it('sends one SMS per event, in order, with the contract’s texts, and puts the same messages in the inbox', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    const order = await anOrder(customer.id);
    await order.editItems();
    await order.moveTo('PENDING');
    await order.moveTo('APPROVED');
    const ref = order.order.reference;

    expect(await consume(...order.records)).toEqual({ batchItemFailures: [] });

    const texts = [
      `Dear customer, your order ${ref} has been created.`,
      `Dear customer, your order ${ref} is now awaiting review. You can still add, remove or update items before it is reviewed.`,
      `Dear customer, your order ${ref} has been approved and will be delivered soon.`,
    ];
    expect(sender.sent).toEqual(
      (['CREATED', 'PENDING', 'APPROVED'] as const).map((state, index) => ({ to: '+254722000000', message: texts[index], orderId: order.order.id, state })),
    );
    const inbox = await inboxOf(customer.id);
    expect(inbox.unreadCount).toBe(3);
    expect(inbox.items.map((item) => item.message)).toEqual([...texts].reverse());
    expect(inbox.items.every((item) => item.orderId === order.order.id && item.readAt === null)).toBe(true);
    expect(await getDelivery({ orderId: order.order.id, state: 'APPROVED' })).toMatchObject({
      status: 'sent',
      to: '+254722000000',
      message: texts[2],
      providerMessageId: 'ATXid_fake_3',
      providerStatus: 'Success',
      cost: 'KES 0.8000',
      attempts: 1,
    });
  });

  it('sends nothing twice and writes nothing twice when records are redelivered, whole, repeated or bisected', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    const order = await anOrder(customer.id);
    await order.moveTo('PENDING');
    await order.moveTo('REJECTED', 'We are out of oat milk');
    const [insert, submit, reject] = order.records;

    await consume(insert!, submit!, reject!);
    await consume(insert!, submit!, reject!); // the same batch again
    await consume(insert!, submit!); // a bisected half
    await consume(reject!); // the other half
    await Promise.all([consume(submit!), consume(submit!)]); // two concurrent deliveries

    expect(sender.sent.map((message) => message.state)).toEqual(['CREATED', 'PENDING', 'REJECTED']);
    expect(sender.sent[2]!.message).toBe(
      `Dear customer, we regret that your order ${order.order.reference} was not accepted. Reason: We are out of oat milk`,
    );
    const inbox = await inboxOf(customer.id);
    expect(inbox.items).toHaveLength(3);
    expect(inbox.unreadCount).toBe(3);
  });

  it('sends once when two invocations handle the same record at the same time, and neither fails its record', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    const order = await anOrder(customer.id);
    sender.delayMs = 300;

    const responses = await Promise.all([consume(order.insert), consume(order.insert)]);

    expect(sender.calls).toBe(1);
    // The one that found the send claimed leaves it to its holder: no stream retry is spent on a lease.
    expect(responses.flatMap(failedSequences)).toEqual([]);
    expect(await getDelivery({ orderId: order.order.id, state: 'CREATED' })).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await inboxOf(customer.id)).unreadCount).toBe(1);
  });

  it('leases the send past the sender’s timeout and ends the lease once the outcome is recorded', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    sender.delayMs = 300;
    const order = await anOrder(customer.id);
    const sending = consume(order.insert);
    // The sender holds the call now: the delivery is marked sending before the provider is called.
    while (sender.calls === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const inFlight = await getDelivery({ orderId: order.order.id, state: 'CREATED' });
    expect(inFlight).toMatchObject({ status: 'sending', claimId: expect.any(String) });
    expect(Date.parse(inFlight!.leaseUntil!) - clock.now().getTime()).toBeGreaterThan(5000 + 20_000);
    expect(inFlight!.nextAttemptAt).toBe(inFlight!.leaseUntil);
    expect(await sending).toEqual({ batchItemFailures: [] });
    const sent = await getDelivery({ orderId: order.order.id, state: 'CREATED' });
    expect(sent?.leaseUntil).toBeUndefined();
    expect(sent?.nextAttemptAt).toBeUndefined();
  });

  it('costs at most 5 DynamoDB requests per order event on a first delivery, and 3 on a redelivery', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    const order = await anOrder(customer.id);

    const first = await countingDynamoDbRequests(() => consume(order.insert));
    expect(sender.calls).toBe(1);
    // Inbox, customer, claim, sending, outcome.
    expect(first.count, first.commands.join(', ')).toBeLessThanOrEqual(5);

    const redelivery = await countingDynamoDbRequests(() => consume(order.insert));
    expect(sender.calls).toBe(1);
    expect(redelivery.count, redelivery.commands.join(', ')).toBeLessThanOrEqual(3);
  });

  it('sends nothing for item edits, removals and other entities', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    const order = await anOrder(customer.id);
    await consume(order.insert);
    const editInCreated = await order.editItems();
    await order.moveTo('PENDING');
    const editInPending = await order.editItems();
    const history = { ...order.raw(), __edb_e__: 'orderEvent', sk: '$orderEvent_1#eventid_X' };

    expect(await consume(editInCreated, editInPending, insertRecord(history))).toEqual({ batchItemFailures: [] });

    expect(sender.sent.map((message) => message.state)).toEqual(['CREATED']);
    expect((await inboxOf(customer.id)).items).toHaveLength(1);
  });

  it('delays messages through a provider outage but loses none: the records succeed, the sweep retries and sends each once', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    const order = await anOrder(customer.id);
    await order.moveTo('PENDING');
    const batch = order.records;
    sender.failTimes = 2;

    // Provider trouble is recorded on the delivery, never thrown: no stream retry is spent on it.
    expect(await consume(...batch)).toEqual({ batchItemFailures: [] });
    expect(sender.sent).toEqual([]);
    // The inbox does not wait for the SMS.
    expect((await inboxOf(customer.id)).unreadCount).toBe(2);
    const waiting = await getDelivery({ orderId: order.order.id, state: 'CREATED' });
    expect(waiting).toMatchObject({ status: 'retrying', attempts: 1, lastError: expect.stringContaining('The provider is down') });
    expect(Date.parse(waiting!.nextAttemptAt!) - clock.now().getTime()).toBeGreaterThan(55_000);
    expect(Date.parse(waiting!.nextAttemptAt!) - clock.now().getTime()).toBeLessThanOrEqual(60_000);

    // A redelivery before the retry is due sends nothing; the sweep a minute later sends both.
    expect(await consume(...batch)).toEqual({ batchItemFailures: [] });
    expect(sender.calls).toBe(2);
    await sweepAfter(1);

    expect(sender.sent.map((message) => message.state).sort()).toEqual(['CREATED', 'PENDING']);
    expect(await getDelivery({ orderId: order.order.id, state: 'CREATED' })).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await getDelivery({ orderId: order.order.id, state: 'PENDING' })).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await consume(...batch)).toEqual({ batchItemFailures: [] });
    expect(sender.sent).toHaveLength(2);
  });

  it('records a permanently rejected recipient as failed and never retries it', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    sender.rejected.add('+254722000000');
    const order = await anOrder(customer.id);

    expect(await consume(order.insert)).toEqual({ batchItemFailures: [] });
    expect(await consume(order.insert)).toEqual({ batchItemFailures: [] });

    expect(sender.calls).toBe(1);
    expect(await getDelivery({ orderId: order.order.id, state: 'CREATED' })).toMatchObject({
      status: 'failed',
      providerStatus: 'InvalidPhoneNumber',
      attempts: 1,
    });
    expect(await deadLetters.receive(10)).toEqual([]);
    expect((await inboxOf(customer.id)).items).toHaveLength(1);
  });

  /** A provider that is down for every attempt: the first from the stream, the rest from the sweep as each falls due. */
  async function exhaustAttempts(...records: DynamoDBRecord[]) {
    sender.breakDown();
    await consume(...records);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) await sweepAfter(15);
  }

  it('puts a message that keeps failing in the dead-letter queue after the last attempt; the replay sends it once', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    const order = await anOrder(customer.id);
    await exhaustAttempts(order.insert);
    expect(sender.triesFor(order.order.id)).toBe(MAX_ATTEMPTS);

    const letters = await deadLetters.receive(10);
    expect(letters.map(({ letter }) => letter)).toEqual([
      {
        to: '+254722000000',
        message: `Dear customer, your order ${order.order.reference} has been created.`,
        orderId: order.order.id,
        state: 'CREATED',
        recipientId: customer.id,
        reason: expect.stringContaining('The provider is down'),
        attempts: MAX_ATTEMPTS,
        deadLetteredAt: expect.any(String),
      },
    ]);
    const dead = await getDelivery({ orderId: order.order.id, state: 'CREATED' });
    expect(dead).toMatchObject({ status: 'dead_lettered', attempts: MAX_ATTEMPTS });
    expect(dead?.nextAttemptAt).toBeUndefined();

    // A redelivery or a sweep now is a no-op: the message waits in the queue, not in the stream.
    expect(await consume(order.insert)).toEqual({ batchItemFailures: [] });
    await sweepAfter(60);
    expect(sender.triesFor(order.order.id)).toBe(MAX_ATTEMPTS);

    // Still down: the replay keeps the letter.
    expect((await replaySmsDeadLetters({ sender, deadLetters })).counts).toMatchObject({ failed: 1, sent: 0 });
    expect(await deadLetters.receive(10)).toHaveLength(1);
    expect(await getDelivery({ orderId: order.order.id, state: 'CREATED' })).toMatchObject({ status: 'dead_lettered', attempts: MAX_ATTEMPTS + 1 });

    sender.heal();
    const replay = await replaySmsDeadLetters({ sender, deadLetters });
    expect(replay.counts).toMatchObject({ sent: 1, failed: 0 });
    expect(replay.letters[0]).toMatchObject({ orderId: order.order.id, state: 'CREATED', to: '+2547******00', outcome: 'sent' });
    expect(sender.sent).toEqual([expect.objectContaining({ orderId: order.order.id })]);
    expect(await deadLetters.receive(10)).toEqual([]);
    expect(await getDelivery({ orderId: order.order.id, state: 'CREATED' })).toMatchObject({ status: 'sent', providerMessageId: 'ATXid_fake_1' });

    // A duplicate letter (SQS delivers at least once) is deleted without sending again.
    await deadLetters.put({ ...letters[0]!.letter });
    expect((await replaySmsDeadLetters({ sender, deadLetters })).counts).toMatchObject({ skipped: 1, sent: 0 });
    expect(sender.sent).toHaveLength(1);
    expect(await deadLetters.receive(10)).toEqual([]);
  });

  it('lists the dead letters without touching them on a dry run', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    const order = await anOrder(customer.id);
    await exhaustAttempts(order.insert);
    sender.heal();

    const report = await replaySmsDeadLetters({ sender, deadLetters, dryRun: true });
    expect(report.counts).toMatchObject({ listed: 1, sent: 0 });
    expect(sender.sent).toEqual([]);
    expect(await deadLetters.receive(10)).toHaveLength(1);
  });

  it('never lets the SMS touch the order: the order changed before the consumer ever ran, whatever the provider does', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    sender.breakDown();
    const order = await anOrder(customer.id);
    await order.moveTo('CANCELED', 'Changed my mind');
    await consume(...order.records);
    expect(await getOrder(order.order.id)).toMatchObject({ state: 'CANCELED', version: 2 });
  });
});

describe('notifications of the fulfilment steps', () => {
  it('sends one SMS and one inbox message for READY and for DELIVERED, with the contract’s texts, once under redelivery', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    const order = await anOrder(customer.id);
    await order.moveTo('PENDING');
    const approval = await order.moveTo('APPROVED');
    const readied = await order.fulfil('READY', 'PREPARING', 'counter 2');
    const delivered = await order.fulfil('DELIVERED', 'READY');
    const ref = order.order.reference;

    await consume(...order.records);
    await consume(approval, readied, delivered); // redelivered whole
    await consume(delivered); // and bisected
    await consume(readied);

    const ready = `Dear customer, your order ${ref} is ready.`;
    const done = `Dear customer, your order ${ref} has been delivered. Thank you for your order.`;
    expect(sender.sent.map((message) => message.state)).toEqual(['CREATED', 'PENDING', 'APPROVED', 'READY', 'DELIVERED']);
    expect(sender.sent.slice(3)).toEqual([
      { to: '+254722000000', message: ready, orderId: order.order.id, state: 'READY' },
      { to: '+254722000000', message: done, orderId: order.order.id, state: 'DELIVERED' },
    ]);
    const inbox = await inboxOf(customer.id);
    expect(inbox.unreadCount).toBe(5);
    expect(inbox.items.slice(0, 2).map((item) => item.message)).toEqual([done, ready]);
    for (const state of ['APPROVED', 'READY', 'DELIVERED'] as const) {
      expect(await getDelivery({ orderId: order.order.id, state })).toMatchObject({ status: 'sent', attempts: 1 });
    }
  });

  it('a READY message that keeps failing is dead-lettered under its own key; DELIVERED is still sent', async () => {
    const customer = await aCustomer(`c-${ulid()}`);
    const order = await anOrder(customer.id);
    await order.moveTo('PENDING');
    await order.moveTo('APPROVED');
    const readied = await order.fulfil('READY', 'PREPARING');
    const delivered = await order.fulfil('DELIVERED', 'READY');
    await consume(...order.records.slice(0, 3));
    sender.breakDown();
    await consume(readied);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) await sweepAfter(15);
    sender.heal();
    await consume(readied, delivered);
    expect(await getDelivery({ orderId: order.order.id, state: 'READY' })).toMatchObject({ status: 'dead_lettered', attempts: MAX_ATTEMPTS });
    expect(await getDelivery({ orderId: order.order.id, state: 'DELIVERED' })).toMatchObject({ status: 'sent' });
    const letters = (await deadLetters.receive(100)).filter(({ letter }) => letter.orderId === order.order.id);
    expect(letters.map(({ letter }) => [letter.orderId, letter.state])).toEqual([[order.order.id, 'READY']]);
    expect(sender.sent.filter((message) => message.orderId === order.order.id).map((message) => message.state)).toEqual(['CREATED', 'PENDING', 'APPROVED', 'DELIVERED']);
  });
});
