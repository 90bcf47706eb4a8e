import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type RunningDynamoDb } from '../../lib/local/dynamodb-local';
import { freePort } from '../../lib/local/ports';
import { readPositions } from '../../lib/ops/stream-positions';
import { createIdempotencyTable, createServiceTable } from '../../lib/local/tables';
import { invoke, type TestResponse } from '../fixtures/events';
import { SmsOutcomeUnknown, SmsTemporaryFailure, type SmsMessage, type SmsReceipt } from '../../functions/notifications/ports';
import { TestClock } from '../notifications/clock';
import { FakeSender } from '../notifications/fake-sender';

/**
 * Faults of the backing services. This file runs its OWN DynamoDB Local (persisted to a data
 * folder) so that it can stop it mid-run and start it again on the same port with the same data.
 * The functions read the endpoint when their modules load: the environment is set first, and
 * every functions/ module is imported only after that.
 */
const work = mkdtempSync(join(tmpdir(), 'reliability-faults-'));
const dataPath = join(work, 'dynamodb');
const port = await freePort();
let dynamodb: RunningDynamoDb = await startDynamoDbLocal({ port, path: dataPath });
const suffix = randomUUID().slice(0, 8);
Object.assign(process.env, {
  DYNAMODB_ENDPOINT: dynamodb.endpoint,
  TABLE_NAME: `faults-${suffix}`,
  IDEMPOTENCY_TABLE_NAME: `faults-idempotency-${suffix}`,
});
await createServiceTable(dynamodb.client, process.env.TABLE_NAME!);
await createIdempotencyTable(dynamodb.client, process.env.IDEMPOTENCY_TABLE_NAME!);

const { aCustomer, aDrink, employee, onHandOf } = await import('../fixtures/shop');
const handlers = {
  createOrder: (await import('../../functions/http/orders/create')).handler,
  getOrder: (await import('../../functions/http/orders/get')).handler,
  listOrders: (await import('../../functions/http/orders/list')).handler,
  addItem: (await import('../../functions/http/orders/add-item')).handler,
  submit: (await import('../../functions/http/orders/submit')).handler,
  approve: (await import('../../functions/http/orders/approve')).handler,
  cancel: (await import('../../functions/http/orders/cancel')).handler,
  adjust: (await import('../../functions/http/inventory/adjust')).handler,
  listInventory: (await import('../../functions/http/inventory/list')).handler,
  me: (await import('../../functions/http/me/get')).handler,
};

afterAll(async () => {
  await dynamodb.stop();
  rmSync(work, { recursive: true, force: true });
});

async function timed(work: () => Promise<TestResponse>): Promise<TestResponse & { ms: number }> {
  const started = Date.now();
  const response = await work();
  return { ...response, ms: Date.now() - started };
}

function expectUnavailable(response: TestResponse & { ms: number }) {
  expect(response.statusCode, JSON.stringify(response.body)).toBe(503);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.headers['retry-after']).toBeDefined();
  expect(response.body).toMatchObject({ status: 503, code: 'service_unavailable', detail: expect.any(String) });
  expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\n\s+at /);
  expect(response.ms).toBeLessThan(5000);
}

describe('DynamoDB stopped mid-run', () => {
  it('answers 503 problem+json fast while it is down, writes nothing half-way, and recovers when it is back', async () => {
    const alice = await aCustomer(`alice-${suffix}`);
    const staff = employee();
    const drink = await aDrink({ onHand: 5 });
    const order = await invoke(handlers.createOrder, 'POST /v1/orders', { caller: alice, body: {} });
    const orderId = order.body.id as string;
    await invoke(handlers.addItem, 'POST /v1/orders/{orderId}/items', { caller: alice, pathParameters: { orderId }, body: { itemId: drink.id, quantity: 3 } });
    const submitted = await invoke(handlers.submit, 'POST /v1/orders/{orderId}/submit', { caller: alice, pathParameters: { orderId } });
    expect(submitted.body).toMatchObject({ state: 'PENDING' });

    await dynamodb.stop();
    const idempotencyKey = randomUUID();
    const down = await Promise.all([
      timed(() => invoke(handlers.getOrder, 'GET /v1/orders/{orderId}', { caller: alice, pathParameters: { orderId } })),
      timed(() => invoke(handlers.listOrders, 'GET /v1/orders', { caller: alice })),
      timed(() => invoke(handlers.approve, 'POST /v1/orders/{orderId}/approve', { caller: staff, pathParameters: { orderId }, body: {} })),
      timed(() => invoke(handlers.cancel, 'POST /v1/orders/{orderId}/cancel', { caller: alice, pathParameters: { orderId }, body: {} })),
      timed(() => invoke(handlers.adjust, 'POST /v1/inventory/{itemId}/adjustments', { caller: staff, pathParameters: { itemId: drink.id }, body: { delta: -1, reason: 'outage' } })),
      timed(() => invoke(handlers.createOrder, 'POST /v1/orders', { caller: alice, body: { comments: 'during the outage' } })),
      timed(() => invoke(handlers.createOrder, 'POST /v1/orders', { caller: alice, body: { comments: 'idempotent' }, headers: { 'idempotency-key': idempotencyKey } })),
      timed(() => invoke(handlers.listInventory, 'GET /v1/inventory', {})),
      timed(() => invoke(handlers.me, 'GET /v1/me', { caller: alice })),
    ]);
    for (const response of down) expectUnavailable(response);

    dynamodb = await startDynamoDbLocal({ port, path: dataPath });

    // Nothing the failed requests attempted happened: the order is as it was, the stock untouched.
    const after = await invoke(handlers.getOrder, 'GET /v1/orders/{orderId}', { caller: alice, pathParameters: { orderId } });
    expect(after.statusCode).toBe(200);
    expect(after.body).toMatchObject({ state: 'PENDING', version: submitted.body.version, handledBy: null, comments: null });
    expect(await onHandOf(drink.id)).toBe(5);
    const orders = await invoke(handlers.listOrders, 'GET /v1/orders', { caller: alice });
    expect(orders.body.items.map((o: { id: string }) => o.id)).toEqual([orderId]);

    // The service works again: the retried approval goes through exactly once, and the
    // idempotent create that failed is retried with the same key (no stale in-progress record).
    const approved = await invoke(handlers.approve, 'POST /v1/orders/{orderId}/approve', { caller: staff, pathParameters: { orderId }, body: {} });
    expect(approved.statusCode, JSON.stringify(approved.body)).toBe(200);
    expect(await onHandOf(drink.id)).toBe(2);
    const retried = await invoke(handlers.createOrder, 'POST /v1/orders', { caller: alice, body: { comments: 'idempotent' }, headers: { 'idempotency-key': idempotencyKey } });
    expect(retried.statusCode, JSON.stringify(retried.body)).toBe(201);
    const finalOrders = await invoke(handlers.listOrders, 'GET /v1/orders', { caller: alice });
    expect(finalOrders.body.items).toHaveLength(2);
  }, 90_000);
});

/** A provider that is down for one number, takes a second's message and never answers (timeout), and refuses a third. */
class FaultySender extends FakeSender {
  constructor(private readonly faults: { down: string; slow: string; refused: string }) {
    super();
    this.rejected.add(faults.refused);
  }

  override async send(message: SmsMessage): Promise<SmsReceipt> {
    if (message.to === this.faults.down || message.to === this.faults.slow) {
      this.calls += 1;
      this.tried.push(message);
    }
    if (message.to === this.faults.down) {
      throw new SmsTemporaryFailure('The provider is down', 'InternalServerError', 500);
    }
    if (message.to === this.faults.slow) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      throw new SmsOutcomeUnknown('The provider did not answer in time');
    }
    return super.send(message);
  }
}

describe('SMS provider faults and a poison record, through the real stream poller', () => {
  it('never fails an order change; delivers the rest; the failing message and the poison record reach their dead-letter queues, the unanswered one is uncertain', async () => {
    const { startStreamPoller } = await import('../../lib/local/stream-poller/poller');
    const { attemptSettingsOf, createNotifier } = await import('../../functions/notifications/notify');
    const { sweepDueDeliveries } = await import('../../functions/notifications/sweep');
    const { getDelivery } = await import('../../functions/data/sms-deliveries');
    const { FileDeadLetterQueue } = await import('../../functions/notifications/dead-letters');
    const { orderNotificationsHandler } = await import('../../functions/streams/order-notifications');
    const { orderChangeFilters } = await import('../../functions/streams/order-changes');
    const { getCustomer } = await import('../../functions/data/customers');

    const people = {
      ok: await aCustomer(`ok-${suffix}`),
      down: await aCustomer(`down-${suffix}`),
      slow: await aCustomer(`slow-${suffix}`),
      refused: await aCustomer(`refused-${suffix}`),
      poison: await aCustomer(`poison-${suffix}`),
    };
    const phones = Object.fromEntries(Object.keys(people).map((name, index) => [name, `+2547${String(index).padStart(8, '1')}`])) as Record<
      keyof typeof people,
      string
    >;
    const sender = new FaultySender({ down: phones.down, slow: phones.slow, refused: phones.refused });
    const smsDlq = new FileDeadLetterQueue(join(work, 'sms-dlq.jsonl'));
    const streamDlqFile = join(work, 'stream-dlq.jsonl');
    const phoneOf = async (customerId: string) => {
      // The poison record: its customer's profile cannot be read, every time.
      if (customerId === people.poison.id) throw new TypeError('Corrupt customer profile');
      const entry = Object.entries(people).find(([, caller]) => caller.id === customerId);
      return entry ? phones[entry[0] as keyof typeof people] : ((await getCustomer(customerId))?.phoneNumber ?? null);
    };
    const clock = new TestClock();
    const notifier = { sender, deadLetters: () => smsDlq, maxAttempts: 2, leaseMs: 200, phoneOf, now: clock.now };
    const handler = orderNotificationsHandler(createNotifier(notifier));
    const poller = await startStreamPoller({
      endpoint: dynamodb.endpoint,
      tableName: process.env.TABLE_NAME!,
      region: 'us-east-1',
      consumers: [{ name: 'OrderNotifications', handler, filters: orderChangeFilters, batchSize: 5, maxRetries: 3, bisectBatchOnError: true, reportBatchItemFailures: true }],
      checkpointDir: join(work, 'checkpoints'),
      onFailureFile: streamDlqFile,
      startingPosition: 'TRIM_HORIZON',
      pollIntervalMs: 50,
      log: () => undefined,
    });
    try {
      // Every order change commits, whatever the provider will do with its message.
      const created: Record<string, string> = {};
      const createFor = async (name: keyof typeof people) => {
        const response = await invoke(handlers.createOrder, 'POST /v1/orders', { caller: people[name], body: {} });
        expect(response.statusCode).toBe(201);
        created[name] = response.body.id;
      };
      for (const name of ['down', 'slow', 'refused', 'ok'] as const) await createFor(name);
      const canceled = await invoke(handlers.cancel, 'POST /v1/orders/{orderId}/cancel', { caller: people.down, pathParameters: { orderId: created.down }, body: {} });
      expect(canceled.body).toMatchObject({ state: 'CANCELED' });
      // Last: as in Lambda, the records behind a poison record in its batch share its fate (held back, then given up on with it).
      await createFor('poison');

      const smsLetters = () => (existsSync(smsDlq.file) ? readFileSync(smsDlq.file, 'utf8') : '');
      const streamLetters = () =>
        existsSync(streamDlqFile) ? readFileSync(streamDlqFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
      const deadline = Date.now() + 30_000;
      const slowIsUncertain = async () => (await getDelivery({ orderId: created.slow!, state: 'CREATED' }))?.status === 'uncertain';
      while (!(sender.sent.some((m) => m.to === phones.ok) && streamLetters().length > 0 && (await slowIsUncertain()) && smsLetters().includes(created.down))) {
        if (Date.now() > deadline) {
          const statuses = await Promise.all(Object.entries(created).map(async ([name, orderId]) => [name, (await getDelivery({ orderId, state: 'CREATED' }))?.status]));
          throw new Error(`Timed out: deliveries ${JSON.stringify(statuses)}, sms dlq ${smsLetters()}, stream dlq ${streamLetters().length}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
        // The retry sweep, a few minutes later each time round.
        clock.advanceMinutes(5);
        await sweepDueDeliveries(attemptSettingsOf(notifier));
      }

      // The healthy customer got their message; the refused number was never retried into the DLQ.
      expect(sender.sent.filter((m) => m.to === phones.ok)).toHaveLength(1);
      expect(sender.sent.some((m) => m.to === phones.refused)).toBe(false);
      expect(smsLetters()).not.toContain(phones.refused);
      // The down provider's messages are dead-lettered with their text, not lost; the unanswered one is never resent.
      expect(smsLetters()).toContain('has been created');
      expect(smsLetters()).not.toContain(phones.slow);
      expect(sender.tried.filter((m) => m.to === phones.slow)).toHaveLength(1);
      // The poison record's batch reached the on-failure file, alone, as a position that still reads back as it.
      const letters = streamLetters();
      expect(letters).toHaveLength(1);
      expect(JSON.stringify(letters[0])).not.toContain(created.poison);
      const streams = new DynamoDBStreamsClient({ endpoint: dynamodb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      const read = await readPositions(streams, letters[0].message.DDBStreamBatchInfo, 'us-east-1');
      streams.destroy();
      expect(read.complete).toBe(true);
      expect(JSON.stringify(read.records)).toContain(created.poison);
      // No order was touched by the consumer.
      for (const [name, orderId] of Object.entries(created)) {
        const order = await invoke(handlers.getOrder, 'GET /v1/orders/{orderId}', { caller: people[name as keyof typeof people], pathParameters: { orderId } });
        expect(order.body.state).toBe(name === 'down' ? 'CANCELED' : 'CREATED');
      }
    } finally {
      await poller.stop();
    }
  }, 60_000);
});
