import { describe, expect, it } from 'vitest';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as listOrders } from '../../functions/http/orders/list';
import { invoke } from '../fixtures/events';
import { aCustomer, employee } from '../fixtures/shop';
import { failNext, pendingFaults } from '../support/dynamodb-faults';

/** Powertools writes the completion record with an UpdateItem on the idempotency table, after the order exists. */
const onTheCompletionRecord = {
  when: (input: Record<string, unknown>) =>
    input.TableName === process.env.IDEMPOTENCY_TABLE_NAME && JSON.stringify(input.ExpressionAttributeValues ?? {}).includes('COMPLETED'),
};

describe('Idempotency-Key: the window between the order and its completion record', () => {
  it('a retry after the completion record failed to save answers the first order and creates no second one', async () => {
    const gina = await aCustomer('gina');
    const headers = { 'idempotency-key': 'record-lost' };
    failNext('UpdateItemCommand', () => Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' }), onTheCompletionRecord);
    const first = await invoke(createOrder, 'POST /v1/orders', { caller: gina, headers, body: { comments: 'one' } });
    expect(pendingFaults(), 'the fault met the completion record').toBe(0);
    expect(first.statusCode).toBe(503);
    const retry = await invoke(createOrder, 'POST /v1/orders', { caller: gina, headers, body: { comments: 'one' } });
    expect(retry.statusCode, JSON.stringify(retry.body)).toBe(201);
    const { body: list } = await invoke(listOrders, 'GET /v1/orders', { caller: gina });
    expect(list.items).toHaveLength(1);
    expect(list.items[0].id).toBe(retry.body.id);
  });

  it('the same key from two callers still makes two orders, and an employee placing for a customer has a scope of its own', async () => {
    const hana = await aCustomer('hana');
    const ivan = await aCustomer('ivan');
    const headers = { 'idempotency-key': 'k1' };
    const ids = [
      (await invoke(createOrder, 'POST /v1/orders', { caller: hana, headers, body: {} })).body.id,
      (await invoke(createOrder, 'POST /v1/orders', { caller: ivan, headers, body: {} })).body.id,
      (await invoke(createOrder, 'POST /v1/orders', { caller: employee(), headers, body: { customerId: hana.id } })).body.id,
    ];
    expect(new Set(ids).size).toBe(3);
  });
});
