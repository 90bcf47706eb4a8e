import { describe, expect, it } from 'vitest';
import type { Caller } from '../../functions/core/roles';
import { handler as addItem } from '../../functions/http/orders/add-item';
import { handler as approve } from '../../functions/http/orders/approve';
import { handler as cancel } from '../../functions/http/orders/cancel';
import { handler as createOrder } from '../../functions/http/orders/create';
import { handler as deliver } from '../../functions/http/orders/deliver';
import { handler as getOrder } from '../../functions/http/orders/get';
import { handler as history } from '../../functions/http/orders/history';
import { handler as ready } from '../../functions/http/orders/ready';
import { handler as submit } from '../../functions/http/orders/submit';
import { invoke, type TestResponse } from '../fixtures/events';
import { aCustomer, aDrink, employee, onHandOf } from '../fixtures/shop';

const STAFF = employee('emp-race');
type Handler = Parameters<typeof invoke>[0];

async function anOrder(caller: Caller, itemId: string, steps: [Handler, string][]): Promise<string> {
  const { body } = await invoke(createOrder, 'POST /v1/orders', { caller, body: {} });
  await invoke(addItem, 'POST /v1/orders/{orderId}/items', { caller, pathParameters: { orderId: body.id }, body: { itemId, quantity: 2 } });
  for (const [handler, route] of steps) {
    const response = await invoke(handler, route, { caller: STAFF, pathParameters: { orderId: body.id } });
    expect(response.statusCode, JSON.stringify(response.body)).toBe(200);
  }
  return body.id;
}

const SUBMIT: [Handler, string] = [submit, 'POST /v1/orders/{orderId}/submit'];
const APPROVE: [Handler, string] = [approve, 'POST /v1/orders/{orderId}/approve'];
const CANCEL: [Handler, string] = [cancel, 'POST /v1/orders/{orderId}/cancel'];
const READY: [Handler, string] = [ready, 'POST /v1/orders/{orderId}/ready'];
const DELIVER: [Handler, string] = [deliver, 'POST /v1/orders/{orderId}/deliver'];

/** Starts every action on the order at once (each reads the order before any writes). */
const race = (orderId: string, actions: [Handler, string][], headers: Record<string, string> = {}) =>
  Promise.all(actions.map(([handler, route]) => invoke(handler, route, { caller: STAFF, pathParameters: { orderId }, headers, body: {} })));

const winnerOf = (responses: TestResponse[]) => {
  const winners = responses.filter((response) => response.statusCode === 200);
  expect(winners, JSON.stringify(responses.map((response) => response.body))).toHaveLength(1);
  return { winner: winners[0]!, losers: responses.filter((response) => response.statusCode !== 200) };
};

const historyOf = async (orderId: string) =>
  (await invoke(history, 'GET /v1/orders/{orderId}/history', { caller: STAFF, pathParameters: { orderId } })).body.items.map(
    ({ from, to }: { from: string | null; to: string }) => `${from}>${to}`,
  );

describe('racing writes on one order: exactly one wins, the history records only the winner', () => {
  it('submit and cancel pinned to the same version: one lands, the other gets 412', async () => {
    const alice = await aCustomer('alice-race');
    const drink = await aDrink({ onHand: 50 });
    const orderId = await anOrder(alice, drink.id, []);
    const responses = await race(orderId, [SUBMIT, CANCEL, SUBMIT, CANCEL], { 'if-match': '"2"' });
    const { winner, losers } = winnerOf(responses);
    for (const loser of losers) expect(loser.body.code).toBe('precondition_failed');
    const { body: order } = await invoke(getOrder, 'GET /v1/orders/{orderId}', { caller: alice, pathParameters: { orderId } });
    expect(order).toMatchObject({ state: winner.body.state, version: 3 });
    expect(await historyOf(orderId)).toEqual(['null>CREATED', `CREATED>${winner.body.state}`]);
  });

  it('approve and cancel of a pending order: one lands, the other gets 409, stock moves only for an approval', async () => {
    const alice = await aCustomer('alice-race');
    const drink = await aDrink({ onHand: 50 });
    const orderId = await anOrder(alice, drink.id, [SUBMIT]);
    const responses = await race(orderId, [APPROVE, CANCEL, APPROVE, CANCEL]);
    const { winner, losers } = winnerOf(responses);
    for (const loser of losers) expect(loser.body).toMatchObject({ code: 'invalid_transition', currentState: winner.body.state });
    expect(await onHandOf(drink.id)).toBe(winner.body.state === 'APPROVED' ? 48 : 50);
    expect(await historyOf(orderId)).toEqual(['null>CREATED', 'CREATED>PENDING', `PENDING>${winner.body.state}`]);
  });

  it('the same fulfilment step five times at once: one lands, the others get 409', async () => {
    const alice = await aCustomer('alice-race');
    const drink = await aDrink({ onHand: 50 });
    const orderId = await anOrder(alice, drink.id, [SUBMIT, APPROVE]);
    const readied = await race(orderId, [READY, READY, READY, READY, READY]);
    for (const loser of winnerOf(readied).losers) expect(loser.body).toMatchObject({ code: 'invalid_transition', currentFulfilment: 'READY' });
    const delivered = await race(orderId, [DELIVER, DELIVER, DELIVER]);
    for (const loser of winnerOf(delivered).losers) expect(loser.body).toMatchObject({ code: 'invalid_transition', currentFulfilment: 'DELIVERED' });
    expect(await historyOf(orderId)).toEqual(['null>CREATED', 'CREATED>PENDING', 'PENDING>APPROVED', 'PREPARING>READY', 'READY>DELIVERED']);
  });
});
