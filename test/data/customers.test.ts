import { describe, expect, it } from 'vitest';
import {
  claimEmail,
  ensureCustomerProfile,
  findCustomerByCode,
  getCustomer,
  listCustomers,
  updateCustomer,
} from '../../functions/data/customers';
import { serveStaleCopies } from '../support/dynamodb-faults';

const newCustomer = (id: string) => ({ id, email: `${id}@Example.com`, name: `Name ${id}`, phoneNumber: '+254700000001' });

describe('customer profiles', () => {
  it('creates a profile once, with a unique 5-character code, and returns it again', async () => {
    const created = await ensureCustomerProfile(newCustomer('c1'));
    expect(created).toMatchObject({ id: 'c1', email: 'c1@example.com', address: null, version: 1 });
    expect(created.code).toMatch(/^[A-Z0-9]{5}$/);
    const again = await ensureCustomerProfile({ ...newCustomer('c1'), name: 'Other' });
    expect(again).toEqual(created);
    expect(await findCustomerByCode(created.code)).toEqual([created]);
  });

  it('updates conditionally on an expected version and refuses a stale one', async () => {
    const created = await ensureCustomerProfile(newCustomer('c2'));
    const updated = await updateCustomer(created, { name: 'New', address: '1 Road' }, created.version);
    expect(updated).toMatchObject({ name: 'New', address: '1 Road', version: 2 });
    await expect(updateCustomer(created, { name: 'Stale' }, created.version)).rejects.toMatchObject({ code: 'precondition_failed' });
    await expect(updateCustomer(updated, { name: 'Stale' }, Number.NaN)).rejects.toMatchObject({ code: 'precondition_failed' });
    const cleared = await updateCustomer(updated, { address: null }, updated.version);
    expect(cleared.address).toBeNull();
    expect((await getCustomer('c2'))?.version).toBe(3);
  });

  it('without an expected version applies the change to whatever version is current', async () => {
    const created = await ensureCustomerProfile(newCustomer('c3'));
    const results = await Promise.all(['A', 'B', 'C'].map((name) => updateCustomer(created, { name })));
    expect(results.map((result) => result.version).sort()).toEqual([2, 3, 4]);
    await expect(updateCustomer({ ...created, id: 'nobody' }, { name: 'X' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a second confirmation (trigger and register endpoint) returns the profile the first created, even where reads lag', async () => {
    await serveStaleCopies();
    const first = await ensureCustomerProfile(newCustomer('c4'));
    const second = await ensureCustomerProfile({ ...newCustomer('c4'), name: 'Other' });
    expect(second).toEqual(first);
  });

  it('lists newest first with a cursor bound to the caller', async () => {
    for (const id of ['l1', 'l2', 'l3']) await ensureCustomerProfile(newCustomer(id));
    const first = await listCustomers({ binding: 'emp', limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const rest = await listCustomers({ binding: 'emp', limit: 100, cursor: first.nextCursor! });
    const ids = [...first.items, ...rest.items].map((customer) => customer.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.indexOf('l3')).toBeLessThan(ids.indexOf('l1'));
    await expect(listCustomers({ binding: 'other', limit: 2, cursor: first.nextCursor! })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('claims an email once, case-insensitively', async () => {
    expect(await claimEmail('A@b.co')).toBe(true);
    expect(await claimEmail('a@B.co')).toBe(false);
  });
});
