import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { NAME_WORDS, normalizeName } from '../../functions/core/customer-search';
import { ensureCustomerProfile, getCustomer, type CustomerProfile } from '../../functions/data/customers';
import { indexEarlierCustomers } from '../../functions/data/customer-search';
import { shop } from '../../functions/data/service';
import { handler as listCustomers } from '../../functions/http/customers/list';
import { handler as patchMe } from '../../functions/http/me/patch';
import { invoke, type EventOptions } from '../fixtures/events';
import { countingDynamoDbRequests } from '../support/dynamodb-requests';

const STAFF = { id: 'emp-s', role: 'employee' as const };

const givenNames = ['Ánn', 'Anna', 'Annabel', 'José', 'Zoë', 'Ñuño', 'Çağrı', 'Łukasz', 'Søren', 'Đức', 'Иван', 'Анна', 'Δημήτρης', 'Ἀθηνᾶ', 'محمد', 'فاطمة', '李', 'Nguyễn', 'Mary-Ann', "O'Neil"];
const familyNames = ['Wanjiru', 'WANJIRŪ', 'Kamau', 'Müller', 'Ødegård', 'Petrović', 'Иванова', 'Παπαδόπουλος', 'الحسن', '王小明', 'Otieno', 'Añez'];

/** Deterministic variety: a few hundred customers with names in several scripts and accents, and phone numbers sharing prefixes. */
function people(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const words = [givenNames[index % givenNames.length], familyNames[(index * 7) % familyNames.length]];
    if (index % 5 === 0) words.push(familyNames[(index * 3 + 1) % familyNames.length]!);
    if (index % 11 === 0) words.push('Njeri', 'Wambui', 'Akinyi'); // five words or more: the fifth is past the indexed ones
    const country = ['254', '255', '256', '44'][index % 4]!;
    return { name: words.join(index % 3 === 0 ? '  ' : ' '), phoneNumber: `+${country}7${String(index % 37).padStart(2, '0')}${String(100000 + index).slice(-6)}` };
  });
}

let customers: CustomerProfile[] = [];

beforeAll(async () => {
  const list = people(300);
  const made: CustomerProfile[] = [];
  for (let start = 0; start < list.length; start += 10) {
    made.push(
      ...(await Promise.all(
        list.slice(start, start + 10).map((person, offset) =>
          ensureCustomerProfile({ id: `s-${String(start + offset).padStart(3, '0')}-${ulid()}`, email: `s${start + offset}@example.com`, ...person }),
        ),
      )),
    );
  }
  customers = made;
}, 240_000);

const search = (query: Record<string, string>, caller: EventOptions['caller'] = STAFF) => invoke(listCustomers, 'GET /v1/customers', { caller, query });

async function everyPage(q: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await search({ q, limit: String(limit), ...(cursor && { cursor }) });
    expect(page.statusCode, JSON.stringify(page.body)).toBe(200);
    pages += 1;
    // Never an empty page while matches remain.
    if (page.body.nextCursor) expect(page.body.items.length).toBe(limit);
    ids.push(...page.body.items.map((customer: CustomerProfile) => customer.id));
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return { ids, pages };
}

/** What a search should find, worked out by brute force over every customer: the index is not consulted. */
function expected(q: string): string[] {
  const trimmed = q.trim();
  const found = /^[+\d]/.test(trimmed)
    ? customers.filter((customer) => customer.phoneNumber.slice(1).startsWith(trimmed.replace(/[\s+]/g, '')))
    : customers.filter((customer) => {
        const words = normalizeName(customer.name).split(' ');
        const wanted = normalizeName(trimmed);
        return words.slice(0, NAME_WORDS).some((_, index) => words.slice(index).join(' ').startsWith(wanted));
      });
  return found.sort((left, right) => right.createdAt.localeCompare(left.createdAt) || right.id.localeCompare(left.id)).map((customer) => customer.id);
}

describe('GET /v1/customers?q= (search)', () => {
  const queries = ['a', 'ann', 'ANN', 'Ánn', 'anna', 'annab', 'wan', 'wanjiru', 'WANJIRU', 'ann wan', 'ann wanjiru', 'Ann Wanjiru Ka', 'mull', 'müller',
    'ode', 'Ødegård', 'zoe', 'nuno', 'cagri', 'lukasz', 'soren', 'duc', 'иван', 'ИВАНОВА', 'анна', 'δημ', 'αθηνα', 'παπαδοπουλος', 'محمد', 'الحسن', '李', '王',
    'nguyen', 'mary ann', 'mary-ann', "o'neil", 'oneil', 'njeri', 'wambui', 'akinyi', 'otieno kamau', 'zzz', '+', '+2547', '2547', '+254 7', '+25', '44', '+447001', '9'];

  it.each(queries.filter((q) => !['+'].includes(q)))('%s: every match, nothing else, no duplicates, newest first, across pages', async (q) => {
    const want = expected(q);
    for (const limit of [7, 100]) {
      const { ids } = await everyPage(q, limit);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(want);
    }
  });

  it('finds "Ánn Wanjiru" by "ann", by "wan" and ignoring case and accents; the samples are not trivial', async () => {
    expect(expected('ann').length).toBeGreaterThan(20);
    expect(expected('+2547').length).toBeGreaterThan(50);
    expect(expected('akinyi')).toEqual([]); // the fifth word is past the indexed ones
    const ann = await ensureCustomerProfile({ id: `ann-${ulid()}`, email: 'ann.wanjiru@example.com', name: 'Ánn Wanjiru', phoneNumber: '+254700000001' });
    for (const q of ['ann', 'wan', 'ÁNN', 'Wanjiru', 'ann wanj', 'Ann Wanjiru', '+254700000001', '254 700 000 0']) {
      expect((await everyPage(q, 100)).ids, q).toContain(ann.id);
    }
  });

  it('a page is one Query, also for a result of many pages', async () => {
    const { pages, ids } = await everyPage('+2', 25);
    expect(ids.length).toBeGreaterThan(200);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(ids.length / 25));
    const first = await search({ q: '+2', limit: '25' });
    const { commands } = await countingDynamoDbRequests(() => search({ q: '+2', limit: '25', cursor: first.body.nextCursor }));
    expect(commands).toEqual(['QueryCommand']);
  });

  it('refuses a blank, too long or meaningless q, and q with code', async () => {
    for (const q of ['', '   ', 'x'.repeat(101), '+', '--', '+25x', '+1234567890123456']) {
      expect((await search({ q })).body, JSON.stringify(q)).toMatchObject({ status: 400, code: 'validation_failed' });
    }
    expect((await search({ q: 'ann', code: 'K7Q2M' })).body).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await search({ q: '  ann  ' })).statusCode).toBe(200);
    expect((await search({ q: 'x'.repeat(100) })).body).toEqual({ items: [], nextCursor: null });
  });

  it('is for employees only', async () => {
    expect((await search({ q: 'ann' }, { id: 'c', role: 'customer' })).statusCode).toBe(403);
    expect((await invoke(listCustomers, 'GET /v1/customers', { query: { q: 'ann' } })).statusCode).toBe(401);
  });

  it('binds the cursor to q', async () => {
    const first = await search({ q: 'ann', limit: '2' });
    expect((await search({ q: 'wan', cursor: first.body.nextCursor })).body).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});

describe('search stays current', () => {
  it('PATCH /v1/me removes the old terms and writes the new ones with the profile', async () => {
    const id = `p-${ulid()}`;
    await ensureCustomerProfile({ id, email: `${id}@example.com`, name: 'Kwame Mensah', phoneNumber: '+233201234567' });
    const caller = { id, role: 'customer' as const };
    const patched = await invoke(patchMe, 'PATCH /v1/me', { caller, body: { name: 'Ama Owusu', phoneNumber: '+233551112223', address: '1 Ring Road' } });
    expect(patched.statusCode, JSON.stringify(patched.body)).toBe(200);
    const ids = async (q: string) => (await everyPage(q, 100)).ids;
    for (const q of ['kwame', 'mensah', '+23320']) expect(await ids(q), q).not.toContain(id);
    for (const q of ['ama', 'owusu', 'ama ow', '+23355']) expect(await ids(q), q).toContain(id);
    const found = (await search({ q: 'owusu' })).body.items.find((customer: CustomerProfile) => customer.id === id);
    expect(found).toEqual(await getCustomer(id));
    expect(found).toMatchObject({ address: '1 Ring Road', version: 2 });
    // An address-only change updates the copies too.
    await invoke(patchMe, 'PATCH /v1/me', { caller, body: { address: null } });
    expect((await search({ q: 'owusu' })).body.items.find((customer: CustomerProfile) => customer.id === id)).toMatchObject({ address: null, version: 3 });
  });

  it('a stale PATCH changes neither the profile nor the search entries', async () => {
    const id = `p-${ulid()}`;
    await ensureCustomerProfile({ id, email: `${id}@example.com`, name: 'Yaw Boateng', phoneNumber: '+233209999999' });
    const response = await invoke(patchMe, 'PATCH /v1/me', { caller: { id, role: 'customer' }, body: { name: 'Kofi' }, headers: { 'if-match': '"7"' } });
    expect(response.statusCode).toBe(412);
    expect((await everyPage('yaw', 100)).ids).toContain(id);
    expect((await everyPage('kofi', 100)).ids).not.toContain(id);
  });

  it('the longest names and numbers still fit one transaction when both change', async () => {
    const id = `p-${ulid()}`;
    const long = (seed: string) => Array.from({ length: 8 }, (_, index) => `${seed}${index}abcdefghij`).join(' ');
    await ensureCustomerProfile({ id, email: `${id}@example.com`, name: long('a'), phoneNumber: '+123456789012345' });
    const response = await invoke(patchMe, 'PATCH /v1/me', { caller: { id, role: 'customer' }, body: { name: long('b'), phoneNumber: '+987654321098765' } });
    expect(response.statusCode, JSON.stringify(response.body)).toBe(200);
    expect((await everyPage('b3abcdefghij', 100)).ids).toContain(id);
    expect((await everyPage('+98765432109876', 100)).ids).toContain(id);
    expect((await everyPage('a0', 100)).ids).not.toContain(id);
  });

  it('customers registered before search existed are indexed by the backfill, once', async () => {
    const earlier = Array.from({ length: 5 }, (_, index) => ({ id: `e-${index}-${ulid()}`, name: `Earlier Ngozi${index}`, at: `2026-0${index + 1}-15T08:00:00.000Z` }));
    for (const customer of earlier) {
      await shop.entities.customer
        .create({ id: customer.id, email: `${customer.id}@example.com`, name: customer.name, phoneNumber: '+234800000000', code: customer.id.slice(-5).toUpperCase(), createdYear: '2026', createdAt: customer.at, updatedAt: customer.at, version: 1 })
        .go();
    }
    expect((await everyPage('ngozi', 100)).ids).toEqual([]);
    expect(await indexEarlierCustomers()).toBe(5);
    expect((await everyPage('ngozi', 2)).ids).toEqual(earlier.map((customer) => customer.id).reverse());
    expect(await indexEarlierCustomers()).toBe(0);
  });
});
