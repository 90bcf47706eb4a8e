import { createHash } from 'node:crypto';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { EntityItem } from 'electrodb';
import { ulid } from 'ulid';
import { orderReference, type Order, type OrderLine } from '../core/orders';
import { EDITABLE_STATES, type OrderState } from '../core/order-states';
import type { Caller } from '../core/roles';
import type { inventoryItemEntity } from './entities/inventory-item';
import type { orderEntity } from './entities/order';
import { pageThrough, pageThroughYears, type Page } from '../platform/pagination';
import { shop } from './service';
import { documentClient } from './client';
import { isConditionFailure, isTransactionConflict } from './write-errors';

type Key = Record<string, string>;

type OrderRecord = EntityItem<typeof orderEntity>;
export type InventoryRecord = EntityItem<typeof inventoryItemEntity>;

const toOrder = ({ createdYear: _createdYear, ...record }: OrderRecord): Order => record;


/**
 * Strongly consistent, like every read of an order: the version and state it returns decide the
 * write that follows (and are compared with If-Match), and a client reads what it just wrote.
 */
export async function getOrder(id: string): Promise<Order | null> {
  const { data } = await shop.entities.order.get({ id }).go({ consistent: true });
  return data ? toOrder(data) : null;
}

/**
 * The order and the inventory item a line names, in one strongly consistent BatchGetItem (half
 * the cost of a transactional read, and the conditional write that follows guards against any
 * change since).
 */
export async function getOrderAndItem(
  orderId: string,
  itemId: string | undefined,
): Promise<{ order: Order | null; item: InventoryRecord | null }> {
  if (!itemId) return { order: await getOrder(orderId), item: null };
  const orderKey = shop.entities.order.get({ id: orderId }).params<{ Key: Key; TableName: string }>();
  const itemKey = shop.entities.inventoryItem.get({ id: itemId }).params<{ Key: Key }>();
  const { Responses, UnprocessedKeys } = await documentClient.send(
    new BatchGetCommand({ RequestItems: { [orderKey.TableName]: { Keys: [orderKey.Key, itemKey.Key], ConsistentRead: true } } }),
  );
  if (Object.keys(UnprocessedKeys ?? {}).length) {
    // Throttled: read them one by one rather than answer without them.
    const [order, { data: item }] = await Promise.all([getOrder(orderId), shop.entities.inventoryItem.get({ id: itemId }).go({ consistent: true })]);
    return { order, item };
  }
  const found = (key: Key) => Responses?.[orderKey.TableName]?.find((row) => row.pk === key.pk && row.sk === key.sk);
  const orderRow = found(orderKey.Key);
  const itemRow = found(itemKey.Key);
  return {
    order: orderRow ? toOrder(shop.entities.order.parse({ Item: orderRow }).data as OrderRecord) : null,
    item: itemRow ? (shop.entities.inventoryItem.parse({ Item: itemRow }).data as InventoryRecord) : null,
  };
}

export interface Actor {
  caller: Caller;
  comments?: string;
}

function eventFor(orderId: string, from: OrderState | undefined, to: OrderState, actor: Actor, at: string) {
  return { id: orderId, eventId: ulid(), from, to, at, by: actor.caller.id, role: actor.caller.role, comments: actor.comments };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 26 characters of Crockford base32, like a ULID, from a hash of the caller and their Idempotency-Key. */
export function idempotentOrderId(callerId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`order\n${callerId}\n${idempotencyKey}`).digest();
  let bits = '';
  for (const byte of digest.subarray(0, 17)) bits += byte.toString(2).padStart(8, '0');
  return Array.from({ length: 26 }, (_, index) => CROCKFORD[parseInt(bits.slice(index * 5, index * 5 + 5), 2)]).join('');
}

/** Creates the order and its first history event; with a given id that exists already, returns that order. */
export async function createOrder(customerId: string, actor: Actor, givenId?: string): Promise<Order> {
  const id = givenId ?? ulid();
  const now = new Date().toISOString();
  const record: OrderRecord = {
    id,
    reference: orderReference(id),
    customerId,
    state: 'CREATED',
    lines: [],
    comments: actor.comments,
    createdYear: now.slice(0, 4),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const { canceled } = await shop.transaction
    .write(({ order, orderEvent }) => [
      order.create(record).commit(),
      orderEvent.create(eventFor(id, undefined, 'CREATED', actor, now)).commit(),
    ])
    .go();
  if (!canceled) return toOrder(record);
  const existing = givenId === undefined ? null : await getOrder(id);
  if (existing?.customerId === customerId) return existing;
  throw new Error(`Order ${id} could not be created`);
}

/**
 * Replaces the lines if the order is still at `version` and editable; null when it changed
 * meanwhile, or is changing (a transition's transaction is running on it): the caller re-reads.
 */
export async function saveLines(order: Order, lines: OrderLine[]): Promise<Order | null> {
  try {
    const { data } = await shop.entities.order
      .patch({ id: order.id })
      .set({ lines, updatedAt: new Date().toISOString(), version: order.version + 1 })
      .where(({ version, state }, { eq }) => `${eq(version, order.version)} AND (${EDITABLE_STATES.map((s) => eq(state, s)).join(' OR ')})`)
      .go({ response: 'all_new' });
    return toOrder(data as OrderRecord);
  } catch (error) {
    if (isConditionFailure(error) || isTransactionConflict(error)) return null;
    throw error;
  }
}

export type TransitionOutcome =
  | { outcome: 'done'; order: Order }
  | { outcome: 'order-changed' }
  | { outcome: 'insufficient-stock'; itemId: string; requested: number; available: number };

export interface Transition {
  order: Order;
  to: OrderState;
  actor: Actor;
  review: boolean;
  deductStock: boolean;
}

/**
 * One transaction: the order's state change (conditional on its state and version), its history
 * event and, for approvals, one `onHand >= quantity` decrement per line.
 */
export async function transitionOrder({ order, to, actor, review, deductStock }: Transition): Promise<TransitionOutcome> {
  const now = new Date().toISOString();
  const changes = {
    state: to,
    updatedAt: now,
    version: order.version + 1,
    ...(actor.comments !== undefined && { comments: actor.comments }),
    ...(review && { handledBy: actor.caller.id, reviewedAt: now }),
  };
  const lines = deductStock ? order.lines : [];
  const { canceled, data } = await shop.transaction
    .write(({ order: orders, orderEvent, inventoryItem }) => [
      orders
        .patch({ id: order.id })
        // The state index's key includes the year: ElectroDB rebuilds it only when given every part.
        .set({ ...changes, createdYear: order.createdAt.slice(0, 4) })
        .where(({ version, state }, { eq }) => `${eq(version, order.version)} AND ${eq(state, order.state)}`)
        .commit(),
      orderEvent.create(eventFor(order.id, order.state, to, actor, now)).commit(),
      ...lines.map((line) =>
        inventoryItem
          .patch({ id: line.itemId })
          .subtract({ onHand: line.quantity })
          .add({ version: 1 })
          .set({ updatedAt: now })
          .where(({ onHand }, { gte }) => gte(onHand, line.quantity))
          .commit({ response: 'all_old' }),
      ),
    ])
    .go();
  if (!canceled) return { outcome: 'done', order: { ...order, ...changes } };
  const short = lines.findIndex((_, index) => data[index + 2]?.code === 'ConditionalCheckFailed');
  if (short >= 0 && data[0]?.code !== 'ConditionalCheckFailed') {
    const line = lines[short];
    const stock =
      (data[short + 2].item as InventoryRecord | null) ?? (await shop.entities.inventoryItem.get({ id: line.itemId }).go()).data;
    return { outcome: 'insufficient-stock', itemId: line.itemId, requested: line.quantity, available: stock?.onHand ?? 0 };
  }
  return { outcome: 'order-changed' };
}

/** The order and its transitions, oldest first, in one Query: they share a partition. */
export async function getOrderWithHistory(orderId: string) {
  const { data } = await shop.collections.orderHistory({ id: orderId }).go({ pages: 'all', consistent: true });
  const [order] = data.order;
  return { order: order ? toOrder(order) : null, events: data.orderEvent };
}

export interface OrderFilter {
  customerId?: string;
  state?: OrderState;
}

const pageOf = (page: { data: OrderRecord[]; cursor: string | null }) => ({ data: page.data.map(toOrder), cursor: page.cursor });

/** Newest first: by customer (gsi1), by state (gsi2) or all (gsi3); one Query per page. */
export function listOrders(filter: OrderFilter, options: { binding: string; cursor?: string; limit: number }): Promise<Page<Order>> {
  const { customerId, state } = filter;
  const go = { order: 'desc' as const, pages: 1 };
  if (customerId) {
    return pageThrough({
      ...options,
      query: async (after, limit) => {
        const query = shop.entities.order.query.byCustomer({ customerId });
        const filtered = state ? query.where((attributes, { eq }) => eq(attributes.state, state)) : query;
        return pageOf(await filtered.go({ ...go, cursor: after, limit }));
      },
    });
  }
  return pageThroughYears({
    ...options,
    queryYear: async (year, after, limit) => {
      const createdYear = String(year);
      const query = state ? shop.entities.order.query.byState({ state, createdYear }) : shop.entities.order.query.byYear({ createdYear });
      return pageOf(await query.go({ ...go, cursor: after, limit }));
    },
  });
}
