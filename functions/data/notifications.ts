import type { EntityItem } from 'electrodb';
import type { OrderEventName } from '../core/order-states';
import { notificationId } from '../notifications/ids';
import { pageThrough, type Page } from '../platform/pagination';
import type { buildNotificationEntity } from './entities/notification';
import { shop } from './service';

type NotificationRecord = EntityItem<ReturnType<typeof buildNotificationEntity>>;

export interface InboxMessage {
  id: string;
  orderId: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}

export interface NewInboxMessage {
  recipientId: string;
  orderId: string;
  state: OrderEventName;
  message: string;
  /** When the order entered the state. */
  createdAt: string;
}

/** A transaction holds at most 100 writes: 99 messages and the counter. */
const MESSAGES_PER_TRANSACTION = 99;
const MARK_ATTEMPTS = 3;

const toMessage = (record: NotificationRecord): InboxMessage => ({
  id: record.id,
  orderId: record.orderId,
  message: record.message,
  createdAt: record.createdAt,
  readAt: record.readAt ?? null,
});

/**
 * Puts the message for (order, state) in the inbox and counts it unread, in one transaction
 * conditional on the message not being there yet: a redelivered stream record writes nothing
 * and counts nothing. Returns false when it was there already.
 */
export async function addToInbox(input: NewInboxMessage): Promise<boolean> {
  const { recipientId, orderId, state, message, createdAt } = input;
  const id = notificationId(orderId, state, createdAt);
  const { canceled, data } = await shop
    .of('notification', 'inboxCounter')
    .transaction.write(({ notification, inboxCounter }) => [
      notification.create({ recipientId, id, orderId, state, message, createdAt }).commit(),
      inboxCounter.update({ recipientId }).add({ unread: 1 }).set({ updatedAt: new Date().toISOString() }).commit(),
    ])
    .go();
  if (!canceled) return true;
  if (data[0]?.code === 'ConditionalCheckFailed') return false;
  throw new Error(`The inbox message ${id} could not be written: ${data.map((item) => item.code).join(', ')}`);
}

export async function unreadCount(recipientId: string): Promise<number> {
  const { data } = await shop.entities.inboxCounter.get({ recipientId }).go({ consistent: true });
  return data?.unread ?? 0;
}

export type Inbox = Page<InboxMessage> & { unreadCount: number };

/** One more item than the page holds tells whether another page follows; the cursor is the last message's id. */
function pageOf(records: NotificationRecord[], limit: number) {
  const data = records.slice(0, limit).map(toMessage);
  return { data, cursor: records.length > limit ? data[data.length - 1]!.id : null };
}

/**
 * Newest first. The first page is one Query: the counter sorts after every message (see
 * entities/inbox-counter.ts), so a descending Query of the partition returns it first, then the
 * newest messages. A later page is a Query for the messages older than the cursor's (`sk < …`,
 * which also leaves the counter out) and a GetItem of the counter, in parallel. Each Query reads
 * one message more than the page holds, so `nextCursor` is null exactly on the last page.
 */
export async function listInbox(recipientId: string, options: { binding: string; cursor?: string; limit: number }): Promise<Inbox> {
  let unread = 0;
  const page = await pageThrough({
    ...options,
    query: async (after, limit) => {
      if (after === null) {
        // Messages exist only with their counter (written in the same transaction): the counter and limit + 1 messages.
        const { data } = await shop.of('notification', 'inboxCounter').collections.inbox({ recipientId }).go({ order: 'desc', limit: limit + 2, pages: 1 });
        unread = data.inboxCounter[0]?.unread ?? 0;
        return pageOf(data.notification, limit);
      }
      const [older, count] = await Promise.all([
        shop.entities.notification.query.byRecipient({ recipientId }).lt({ id: after }).go({ order: 'desc', limit: limit + 1, pages: 1 }),
        unreadCount(recipientId),
      ]);
      unread = count;
      return pageOf(older.data, limit);
    },
  });
  return { ...page, unreadCount: unread };
}

/**
 * Marks the messages read, `MESSAGES_PER_TRANSACTION` at a time, each conditional on still being
 * unread, with the counter decremented by exactly the number marked in the same transaction. A
 * transaction that lost a race (a message marked meanwhile) is retried with what is still unread.
 */
async function markUnread(recipientId: string, ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += MESSAGES_PER_TRANSACTION) {
    let chunk = ids.slice(start, start + MESSAGES_PER_TRANSACTION);
    for (let attempt = 1; chunk.length > 0; attempt++) {
      const readAt = new Date().toISOString();
      const { canceled } = await shop
        .of('notification', 'inboxCounter')
        .transaction.write(({ notification, inboxCounter }) => [
          ...chunk.map((id) =>
            notification
              .patch({ recipientId, id })
              .set({ readAt })
              .where(({ readAt: read }, { notExists }) => notExists(read))
              .commit(),
          ),
          inboxCounter.update({ recipientId }).subtract({ unread: chunk.length }).set({ updatedAt: readAt }).commit(),
        ])
        .go();
      if (!canceled) break;
      if (attempt >= MARK_ATTEMPTS) throw new Error(`Could not mark ${chunk.length} inbox messages read: they keep changing`);
      chunk = (await unreadAmong(recipientId, chunk)).map((record) => record.id);
    }
  }
}

async function unreadAmong(recipientId: string, ids: string[]): Promise<NotificationRecord[]> {
  if (ids.length === 0) return [];
  const { data } = await shop.entities.notification.get(ids.map((id) => ({ recipientId, id }))).go({ consistent: true });
  return data.filter((record) => record.readAt === undefined);
}

/** Marks the recipient's own messages among `ids` read; ids of no message of theirs are ignored. Returns the unread count. */
export async function markRead(recipientId: string, ids: string[]): Promise<number> {
  const unread = await unreadAmong(recipientId, [...new Set(ids)]);
  await markUnread(
    recipientId,
    unread.map((record) => record.id),
  );
  return unreadCount(recipientId);
}

/** Marks every unread message of the recipient read. Returns the unread count (0 unless messages arrived meanwhile). */
export async function markAllRead(recipientId: string): Promise<number> {
  if ((await unreadCount(recipientId)) === 0) return 0;
  const { data } = await shop.entities.notification.query
    .byRecipient({ recipientId })
    .where(({ readAt }, { notExists }) => notExists(readAt))
    .go({ pages: 'all', attributes: ['recipientId', 'id'] });
  await markUnread(
    recipientId,
    data.map((record) => record.id),
  );
  return unreadCount(recipientId);
}
