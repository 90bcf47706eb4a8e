import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { ORDER_STATES } from '../../functions/core/order-states';
import { addToInbox } from '../../functions/data/notifications';
import { handler as list } from '../../functions/http/notifications/list';
import { handler as read } from '../../functions/http/notifications/read';
import { invoke } from '../fixtures/events';
import { countingDynamoDbRequests } from '../support/dynamodb-requests';

const LIST = 'GET /v1/notifications';
const READ = 'POST /v1/notifications/read';
const customer = (id: string) => ({ id, role: 'customer' as const });
const newCaller = () => customer(`c-${ulid()}`);

/** `count` messages, one a minute from 2026-03-01T00:00Z: five states per order, as the consumer writes them. */
async function seed(recipientId: string, count: number, firstMinute = 0) {
  const orderIds = Array.from({ length: Math.ceil(count / ORDER_STATES.length) }, () => ulid());
  for (let index = 0; index < count; index++) {
    const at = new Date(Date.UTC(2026, 2, 1, 0, firstMinute + index)).toISOString();
    await addToInbox({
      recipientId,
      orderId: orderIds[Math.floor(index / ORDER_STATES.length)]!,
      state: ORDER_STATES[index % ORDER_STATES.length]!,
      message: `message ${firstMinute + index}`,
      createdAt: at,
    });
  }
}

describe('GET /v1/notifications', () => {
  it('lists the caller’s own messages, newest first, with the unread count, in one DynamoDB request', async () => {
    const me = newCaller();
    await seed(me.id, 3);
    await seed(`c-${ulid()}`, 2); // someone else's
    let response!: Awaited<ReturnType<typeof invoke>>;
    const { commands: requests } = await countingDynamoDbRequests(async () => (response = await invoke(list, LIST, { caller: me })));
    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({
      items: [2, 1, 0].map((minute) => ({
        id: expect.stringMatching(/^[0-9A-Z]{26}$/),
        orderId: expect.any(String),
        message: `message ${minute}`,
        createdAt: `2026-03-01T00:0${minute}:00.000Z`,
        readAt: null,
      })),
      unreadCount: 3,
      nextCursor: null,
    });
    expect(requests).toEqual(['QueryCommand']);
  });

  it('is empty, with unreadCount 0, for a caller without messages (employees too)', async () => {
    const response = await invoke(list, LIST, { caller: { id: `e-${ulid()}`, role: 'employee' } });
    expect(response.body).toEqual({ items: [], unreadCount: 0, nextCursor: null });
  });

  it('pages through the whole inbox with limit and cursor; the last page has no cursor', async () => {
    const me = newCaller();
    await seed(me.id, 12);
    const seen: string[] = [];
    let cursor: string | undefined;
    const pages: number[] = [];
    do {
      const response = await invoke(list, LIST, { caller: me, query: { limit: '5', ...(cursor && { cursor }) } });
      expect(response.statusCode).toBe(200);
      expect(response.body.unreadCount).toBe(12);
      pages.push(response.body.items.length);
      seen.push(...response.body.items.map((item: { message: string }) => item.message));
      cursor = response.body.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([5, 5, 2]);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, index) => `message ${11 - index}`));

    const exact = await invoke(list, LIST, { caller: me, query: { limit: '12' } });
    expect(exact.body.items).toHaveLength(12);
    expect(exact.body.nextCursor).toBeNull();
    expect((await invoke(list, LIST, { caller: me })).body.items).toHaveLength(12); // default limit 25
  });

  it('refuses bad limits, tampered cursors and cursors of another caller with 400', async () => {
    const me = newCaller();
    const other = newCaller();
    await seed(me.id, 3);
    await seed(other.id, 3);
    const othersCursor = (await invoke(list, LIST, { caller: other, query: { limit: '1' } })).body.nextCursor as string;
    const queries: Record<string, string>[] = [{ limit: '0' }, { limit: '101' }, { limit: 'x' }, { cursor: 'garbage' }, { cursor: othersCursor }, { cursor: `${othersCursor}x` }, { state: 'x' }];
    for (const query of queries) {
      const response = await invoke(list, LIST, { caller: me, query });
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.headers['content-type']).toBe('application/problem+json');
    }
  });

  it('answers 401 without a token and 403 without a group', async () => {
    expect((await invoke(list, LIST)).statusCode).toBe(401);
    expect((await invoke(list, LIST, { caller: { id: 'x', groups: '[]' } })).statusCode).toBe(403);
  });
});

describe('POST /v1/notifications/read', () => {
  const idsOf = async (caller: { id: string; role: 'customer' }) =>
    ((await invoke(list, LIST, { caller })).body.items as { id: string; message: string; readAt: string | null }[]).map((item) => item.id);

  it('marks the caller’s messages read by id, once, and answers the unread count', async () => {
    const me = newCaller();
    await seed(me.id, 4);
    const [newest, second] = await idsOf(me);

    const response = await invoke(read, READ, { caller: me, body: { ids: [newest, second, newest] } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ unreadCount: 2 });
    const again = await invoke(read, READ, { caller: me, body: { ids: [newest, second] } });
    expect(again.body).toEqual({ unreadCount: 2 });

    const inbox = (await invoke(list, LIST, { caller: me })).body;
    expect(inbox.unreadCount).toBe(2);
    expect(inbox.items.map((item: { readAt: string | null }) => item.readAt !== null)).toEqual([true, true, false, false]);
    expect(Date.parse(inbox.items[0].readAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('ignores ids of other callers’ messages and unknown ids, revealing nothing', async () => {
    const me = newCaller();
    const other = newCaller();
    await seed(me.id, 2);
    await seed(other.id, 2);
    const [othersMessage] = await idsOf(other);

    const response = await invoke(read, READ, { caller: me, body: { ids: [othersMessage, ulid(), 'nonsense'] } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ unreadCount: 2 });
    expect((await invoke(list, LIST, { caller: other })).body.unreadCount).toBe(2);
  });

  it('marks everything read with all: true; a message arriving later is unread again', async () => {
    const me = newCaller();
    await seed(me.id, 7);
    const [newest] = await idsOf(me);
    await invoke(read, READ, { caller: me, body: { ids: [newest] } });

    expect((await invoke(read, READ, { caller: me, body: { all: true } })).body).toEqual({ unreadCount: 0 });
    expect((await invoke(read, READ, { caller: me, body: { all: true } })).body).toEqual({ unreadCount: 0 });
    const inbox = (await invoke(list, LIST, { caller: me })).body;
    expect(inbox.unreadCount).toBe(0);
    expect(inbox.items.every((item: { readAt: string | null }) => item.readAt !== null)).toBe(true);

    await seed(me.id, 1, 100);
    expect((await invoke(list, LIST, { caller: me })).body.unreadCount).toBe(1);
  });

  it('marks more than one transaction’s worth (100 ids) with the count exact', async () => {
    const me = newCaller();
    await seed(me.id, 105);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await invoke(list, LIST, { caller: me, query: { limit: '100', ...(cursor && { cursor }) } })).body;
      ids.push(...page.items.map((item: { id: string }) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toHaveLength(105);
    expect((await invoke(read, READ, { caller: me, body: { ids: ids.slice(0, 100) } })).body).toEqual({ unreadCount: 5 });
    expect((await invoke(read, READ, { caller: me, body: { all: true } })).body).toEqual({ unreadCount: 0 });
  });

  it('answers 400 unless the body is exactly one of {ids: 1..100} and {all: true}', async () => {
    const me = newCaller();
    const tooMany = Array.from({ length: 101 }, () => ulid());
    for (const body of [{}, { ids: [] }, { ids: tooMany }, { ids: 'x' }, { ids: [1] }, { ids: [''] }, { all: false }, { all: 'true' }, { ids: ['x'], all: true }, { ids: ['x'], extra: 1 }, '{not json', '[]']) {
      const response = await invoke(read, READ, { caller: me, body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.body.code).toBe('validation_failed');
    }
  });

  it('answers 401 without a token and 403 without a group', async () => {
    expect((await invoke(read, READ, { body: { all: true } })).statusCode).toBe(401);
    expect((await invoke(read, READ, { caller: { id: 'x', groups: '[]' }, body: { all: true } })).statusCode).toBe(403);
  });
});
