import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type StackClient } from '../reliability/support/local-stack';

/* DELETE /v1/me through the local gateway, on the emulator and DynamoDB Local, with the stream poller and SMS consumer running. */
let client: StackClient;
let staff: Awaited<ReturnType<StackClient['employee']>>;
let drinkId: string;
let ACCOUNT_DELETED_NOTICE: string;

beforeAll(async () => {
  client = await startStack();
  // The functions read their endpoints when first imported: after the stack has set them.
  ({ ACCOUNT_DELETED_NOTICE } = await import('../../functions/usecases/delete-account'));
  staff = await client.employee('deleter-staff');
  const drink = await client.call('POST', '/v1/inventory', { token: staff.token, body: { name: 'Deletion Tea', type: 'TEA', price: '2.40' } });
  drinkId = drink.body.id;
  await client.call('POST', `/v1/inventory/${drinkId}/adjustments`, { token: staff.token, body: { delta: 1000, reason: 'stock' } });
}, 120_000);

afterAll(async () => {
  await client?.stop();
});

type Who = Awaited<ReturnType<StackClient['customer']>>;

async function orderIn(who: Who, steps: string[]): Promise<string> {
  const order = await client.call('POST', '/v1/orders', { token: who.token, body: {} });
  await client.call('POST', `/v1/orders/${order.body.id}/items`, { token: who.token, body: { itemId: drinkId, quantity: 3 } });
  for (const step of steps) {
    const answer = await client.call('POST', `/v1/orders/${order.body.id}/${step}`, { token: step === 'approve' ? staff.token : who.token, body: {} });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
  return order.body.id;
}

const asStaff = async (path: string) => (await client.call('GET', path, { token: staff.token })).body;

describe('DELETE /v1/me', () => {
  it('deletes the user and the personal data, cancels open orders with a notice, keeps every order exact, frees the email', async () => {
    const ann = await client.customer('deleted');
    const profile = (await client.call('GET', '/v1/me', { token: ann.token })).body;
    const sessions = (await client.call('POST', '/v1/auth/token', { body: { email: ann.email, password: ann.password } })).body;
    const ids = { created: await orderIn(ann, []), pending: await orderIn(ann, ['submit']), approved: await orderIn(ann, ['submit', 'approve']) };
    const before = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([key, id]) => [key, await asStaff(`/v1/orders/${id}`)])));
    const historyBefore = await asStaff(`/v1/orders/${ids.pending}/history`);

    const deleted = await client.call('DELETE', '/v1/me', { token: ann.token });
    expect(deleted.status, JSON.stringify(deleted.body) + client.log.join('\n')).toBe(204);

    for (const [key, id] of Object.entries(ids)) {
      const after = await asStaff(`/v1/orders/${id}`);
      expect(after.state, key).toBe(key === 'approved' ? 'APPROVED' : 'CANCELED');
      expect({ items: after.items, totalPrice: after.totalPrice, customerId: after.customerId }).toEqual({
        items: before[key].items,
        totalPrice: before[key].totalPrice,
        customerId: ann.id,
      });
    }
    const history = (await asStaff(`/v1/orders/${ids.pending}/history`)).items;
    expect(history.slice(0, -1)).toEqual(historyBefore.items);
    expect(history.at(-1)).toMatchObject({ from: 'PENDING', to: 'CANCELED', by: ann.id, role: 'customer', comments: ACCOUNT_DELETED_NOTICE });

    // The profile is gone for everyone, from lookups, codes and search.
    expect((await client.call('GET', `/v1/customers/${ann.id}`, { token: staff.token })).status).toBe(404);
    expect((await asStaff(`/v1/customers?code=${profile.code}`)).items).toEqual([]);
    expect((await asStaff(`/v1/customers?q=${encodeURIComponent(ann.phoneNumber)}`)).items).toEqual([]);
    expect((await asStaff(`/v1/customers?q=deleted`)).items.map((item: { id: string }) => item.id)).not.toContain(ann.id);

    // The old credentials reach nothing.
    expect((await client.call('GET', '/v1/me', { token: ann.token })).status).toBe(404);
    expect((await client.call('POST', '/v1/orders', { token: ann.token, body: {} })).status).toBe(404);
    expect((await client.call('DELETE', '/v1/me', { token: ann.token })).status).toBe(404);
    expect((await client.call('POST', '/v1/auth/refresh', { body: { refreshToken: sessions.refreshToken } })).status).toBe(401);
    expect((await client.call('POST', '/v1/auth/token', { body: { email: ann.email, password: ann.password } })).status).toBe(401);
    expect((await client.call('POST', '/v1/orders', { token: staff.token, body: { customerId: ann.id } })).body.code).toBe('unknown_customer');

    // The email registers again, as a new customer.
    const again = await client.call('POST', '/v1/auth/register', { body: { email: ann.email, password: 'An0therPass', name: 'Ann Again', phoneNumber: '+254700000777' } });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.id).not.toBe(ann.id);
    const fresh = await client.signIn(ann.email, 'An0therPass');
    expect((await client.call('GET', '/v1/orders', { token: fresh })).body.items).toEqual([]);
  }, 60_000);

  it('sends no SMS for the orders it cancels: the profile has no phone number any more', async () => {
    const ben = await client.customer('sms-gone');
    const orderId = await orderIn(ben, ['submit']);
    const smsFor = async (state: string) =>
      ((await client.call('GET', '/_local/sms-outbox')).body.items as { orderId: string; state: string }[]).filter((sms) => sms.orderId === orderId && sms.state === state);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await smsFor('PENDING')).length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await smsFor('PENDING')).toHaveLength(1);

    expect((await client.call('DELETE', '/v1/me', { token: ben.token })).status).toBe(204);
    expect((await asStaff(`/v1/orders/${orderId}`)).state).toBe('CANCELED');
    // The poller runs every few hundred ms: give the CANCELED event time to be consumed.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await smsFor('CANCELED')).toEqual([]);
  }, 60_000);

  it('is for customers only: an employee gets 403, no token 401', async () => {
    expect((await client.call('DELETE', '/v1/me', { token: staff.token })).status).toBe(403);
    expect((await client.call('DELETE', '/v1/me')).status).toBe(401);
    expect((await client.call('GET', '/v1/me', { token: staff.token })).status).toBe(200);
  });

  it('racing order creations leave no order of the deleted customer in CREATED or PENDING', async () => {
    for (let round = 0; round < 3; round++) {
      const cat = await client.customer('racing');
      const creations = Array.from({ length: 6 }, () => client.call('POST', '/v1/orders', { token: cat.token, body: {} }));
      const [deletion, ...created] = await Promise.all([client.call('DELETE', '/v1/me', { token: cat.token }), ...creations]);
      expect(deletion.status, JSON.stringify(deletion.body)).toBe(204);
      for (const answer of created) expect([201, 404], JSON.stringify(answer.body)).toContain(answer.status);
      const orders = (await asStaff(`/v1/orders?customerId=${cat.id}&limit=100`)).items as { id: string; state: string }[];
      const createdIds = created.filter((answer) => answer.status === 201).map((answer) => answer.body.id);
      expect(orders.map((order) => order.id).sort()).toEqual(createdIds.sort());
      for (const id of createdIds) expect((await asStaff(`/v1/orders/${id}`)).state).toBe('CANCELED');
      // After the deletion, nothing more can be created for them.
      expect((await client.call('POST', '/v1/orders', { token: cat.token, body: {} })).status).toBe(404);
    }
  }, 60_000);
});
