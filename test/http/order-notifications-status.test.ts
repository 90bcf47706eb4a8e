import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { applyDeliveryReport, getDelivery } from '../../functions/data/sms-deliveries';
import { handler as approve } from '../../functions/http/orders/approve';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as notifications } from '../../functions/http/orders/notifications';
import { handler as ready } from '../../functions/http/orders/ready';
import { handler as submit } from '../../functions/http/orders/submit';
import { FileDeadLetterQueue } from '../../functions/notifications/dead-letters';
import { attemptSettingsOf, createNotifier } from '../../functions/notifications/notify';
import { sweepDueDeliveries } from '../../functions/notifications/sweep';
import { orderNotificationsHandler } from '../../functions/streams/order-notifications';
import { invoke, lambdaContext } from '../fixtures/events';
import { aCustomer, aDrink, employee } from '../fixtures/shop';
import { insertRecord, modifyRecord, rawOrderItem, streamEvent, type RawItem } from '../fixtures/stream-records';
import { TestClock } from '../notifications/clock';
import { FakeSender } from '../notifications/fake-sender';
import { countingDynamoDbRequests } from '../support/dynamodb-requests';

const STAFF = employee('emp-n');
const ROUTE = 'GET /v1/orders/{orderId}/notifications';

/** An order taken through the API to READY, with the stream record of each step as the table held it. */
async function aReadyOrder(customerId: string) {
  const drink = await aDrink({ onHand: 100 });
  const created = await invoke(createOrder, 'POST /v1/orders', { caller: STAFF, body: { customerId } });
  const orderId: string = created.body.id;
  let item: RawItem = await rawOrderItem(orderId);
  const records = [insertRecord(item)];
  await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller: STAFF, pathParameters: { orderId }, body: { itemId: drink.id, quantity: 1 } });
  for (const [handler, route] of [
    [submit, 'POST /v1/orders/{orderId}/submit'],
    [approve, 'POST /v1/orders/{orderId}/approve'],
    [ready, 'POST /v1/orders/{orderId}/ready'],
  ] as const) {
    expect((await invoke(handler, route, { caller: STAFF, pathParameters: { orderId } })).statusCode).toBe(200);
    const next = await rawOrderItem(orderId);
    records.push(modifyRecord(item, next));
    item = next;
  }
  return { orderId, records };
}

describe('GET /v1/orders/{orderId}/notifications', () => {
  it('lists each event’s SMS delivery record in event order, masked, with the contract’s statuses, in one Query', async () => {
    const customer = await aCustomer(`n-${ulid()}`);
    const { orderId, records } = await aReadyOrder(customer.id);
    const sender = new FakeSender();
    const deadLetters = new FileDeadLetterQueue(join(mkdtempSync(join(tmpdir(), 'sms-dlq-')), 'sms-dlq.jsonl'));
    const clock = new TestClock();
    const options = { sender, deadLetters: () => deadLetters, maxAttempts: 2, now: clock.now };
    const consume = orderNotificationsHandler(createNotifier(options));
    const [created, pending, approved, readied] = records;
    await consume(streamEvent(created!, pending!), lambdaContext());
    sender.breakDown();
    await consume(streamEvent(approved!), lambdaContext());
    clock.advanceMinutes(1);
    await sweepDueDeliveries(attemptSettingsOf(options)); // the last attempt: dead-lettered
    sender.heal();
    sender.rejected.add('+254722000000');
    await consume(streamEvent(readied!), lambdaContext());
    const sent = await getDelivery({ orderId, state: 'CREATED' });
    await applyDeliveryReport({ orderId, state: 'CREATED' }, { providerMessageId: sent!.providerMessageId!, outcome: 'delivered', providerStatus: 'DeliveredToTerminal' });

    let response!: Awaited<ReturnType<typeof invoke>>;
    const { commands } = await countingDynamoDbRequests(async () => {
      response = await invoke(notifications, ROUTE, { caller: STAFF, pathParameters: { orderId } });
    });
    expect(commands).toEqual(['QueryCommand']);
    expect(response.statusCode).toBe(200);
    const at = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
    expect(response.body).toEqual({
      items: [
        { event: 'CREATED', to: '+2547******00', status: 'delivered', attempts: 1, providerStatus: 'DeliveredToTerminal', updatedAt: at },
        { event: 'PENDING', to: '+2547******00', status: 'sent', attempts: 1, providerStatus: 'Success', updatedAt: at },
        { event: 'APPROVED', to: '+2547******00', status: 'dead_lettered', attempts: 2, providerStatus: null, updatedAt: at },
        { event: 'READY', to: '+2547******00', status: 'failed', attempts: 1, providerStatus: 'InvalidPhoneNumber', updatedAt: at },
      ],
    });
    expect(JSON.stringify(response.body)).not.toContain('+254722000000');
  });

  it('an order with nothing sent yet is an empty list; a missing order is a 404', async () => {
    await aCustomer('quiet');
    const created = await invoke(createOrder, 'POST /v1/orders', { caller: STAFF, body: { customerId: 'quiet' } });
    expect((await invoke(notifications, ROUTE, { caller: STAFF, pathParameters: { orderId: created.body.id } })).body).toEqual({ items: [] });
    const missing = await invoke(notifications, ROUTE, { caller: STAFF, pathParameters: { orderId: ulid() } });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toMatchObject({ code: 'not_found' });
  });
});
