import { describe, expect, it } from 'vitest';
import { ensureCustomerProfile } from '../../functions/data/customers';
import { saveEmployee } from '../../functions/data/employees';
import { handler as getCustomer } from '../../functions/http/customers/get';
import { handler as listCustomers } from '../../functions/http/customers/list';
import { handler as getMe } from '../../functions/http/me/get';
import { handler as patchMe } from '../../functions/http/me/patch';
import { invoke } from '../fixtures/events';

const alice = { id: 'alice', role: 'customer' as const };
const bob = { id: 'bob', role: 'customer' as const };
const employee = { id: 'emp-1', role: 'employee' as const };

const profile = (id: string) => ensureCustomerProfile({ id, email: `${id}@example.com`, name: id, phoneNumber: '+254711111111' });

describe('GET /v1/me', () => {
  it('returns the customer profile with role, address null when unset, and an ETag', async () => {
    const created = await profile('alice');
    const response = await invoke(getMe, 'GET /v1/me', { caller: alice });
    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ ...created, role: 'customer', address: null });
    expect(response.headers.etag).toBe('"1"');
  });

  it('returns the employee with role employee', async () => {
    await saveEmployee({ id: 'emp-1', email: 'Emp@Example.com', name: 'Emp' });
    const response = await invoke(getMe, 'GET /v1/me', { caller: employee });
    expect(response.body).toEqual({ id: 'emp-1', email: 'emp@example.com', name: 'Emp', role: 'employee' });
  });

  it('answers 401 without claims, 401 for an id token and 403 without a group', async () => {
    expect((await invoke(getMe, 'GET /v1/me')).statusCode).toBe(401);
    const noGroup = await invoke(getMe, 'GET /v1/me', { caller: { id: 'x', groups: '[]' } });
    expect(noGroup.statusCode).toBe(403);
    expect(noGroup.body).toMatchObject({ status: 403, code: 'forbidden' });
    expect(noGroup.headers['content-type']).toBe('application/problem+json');
  });

  it('lets employees win when a user is in both groups', async () => {
    const response = await invoke(getMe, 'GET /v1/me', { caller: { id: 'emp-1', groups: '[customers employees]' } });
    expect(response.body.role).toBe('employee');
  });
});

describe('PATCH /v1/me', () => {
  it('updates the profile, trims strings, clears the address with null and honours If-Match', async () => {
    await profile('bob');
    const updated = await invoke(patchMe, 'PATCH /v1/me', { caller: bob, body: { name: '  Bob B ', address: '1 Road' } });
    expect(updated.statusCode).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Bob B', address: '1 Road', version: 2 });
    const stale = await invoke(patchMe, 'PATCH /v1/me', { caller: bob, body: { name: 'X' }, headers: { 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');
    const cleared = await invoke(patchMe, 'PATCH /v1/me', { caller: bob, body: { address: null }, headers: { 'if-match': '"2"' } });
    expect(cleared.body).toMatchObject({ address: null, version: 3 });
  });

  it('rejects unknown fields, bad phone numbers and malformed JSON with 400 validation_failed', async () => {
    await profile('bob');
    for (const body of [{ email: 'x@y.z' }, { phoneNumber: '0711' }, '{not json']) {
      const response = await invoke(patchMe, 'PATCH /v1/me', { caller: bob, body });
      expect(response.statusCode).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
  });

  it('is for customers only', async () => {
    const response = await invoke(patchMe, 'PATCH /v1/me', { caller: employee, body: { name: 'X' } });
    expect(response.statusCode).toBe(403);
  });

  it('answers 413 for bodies over 64 KiB', async () => {
    const response = await invoke(patchMe, 'PATCH /v1/me', { caller: bob, body: { name: 'x'.repeat(70_000) } });
    expect(response.statusCode).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
  });
});

describe('customers', () => {
  it('shows a profile to its customer and to employees, 404 to other customers', async () => {
    await profile('alice');
    await profile('bob');
    const route = 'GET /v1/customers/{customerId}';
    expect((await invoke(getCustomer, route, { caller: alice, pathParameters: { customerId: 'alice' } })).statusCode).toBe(200);
    expect((await invoke(getCustomer, route, { caller: employee, pathParameters: { customerId: 'alice' } })).statusCode).toBe(200);
    const foreign = await invoke(getCustomer, route, { caller: bob, pathParameters: { customerId: 'alice' } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body.code).toBe('not_found');
    expect((await invoke(getCustomer, route, { caller: employee, pathParameters: { customerId: 'nobody' } })).statusCode).toBe(404);
  });

  it('lists customers for employees only, finds by code, and refuses bad queries and foreign cursors', async () => {
    const carol = await profile('carol');
    await profile('dave');
    expect((await invoke(listCustomers, 'GET /v1/customers', { caller: alice })).statusCode).toBe(403);
    const byCode = await invoke(listCustomers, 'GET /v1/customers', { caller: employee, query: { code: carol.code.toLowerCase() } });
    expect(byCode.body).toEqual({ items: [carol], nextCursor: null });
    const page = await invoke(listCustomers, 'GET /v1/customers', { caller: employee, query: { limit: '1' } });
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const foreign = await invoke(listCustomers, 'GET /v1/customers', {
      caller: { id: 'emp-2', role: 'employee' },
      query: { cursor: page.body.nextCursor },
    });
    expect(foreign.statusCode).toBe(400);
    const badQueries: Record<string, string>[] = [{ limit: '0' }, { limit: '101' }, { limit: 'x' }, { code: 'TOOLONG' }, { cursor: 'garbage' }, { other: '1' }];
    for (const query of badQueries) {
      const response = await invoke(listCustomers, 'GET /v1/customers', { caller: employee, query });
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
    }
  });
});
