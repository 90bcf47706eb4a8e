import { createHash } from 'node:crypto';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { EntityItem } from 'electrodb';
import { ulid } from 'ulid';
import { orderReference, type Order, type OrderLine } from '../core/orders';
import { EDITABLE_STATES, type FulfilmentStep, type HistoryPoint, type OrderState } from '../core/order-states';
import type { Caller } from '../core/roles';
import type { buildInventoryItemEntity } from './entities/inventory-item';
import type { buildOrderEntity } from './entities/order';
import { currentYear, FIRST_YEAR, pageThrough, pageThroughYears, type Page, type SortOrder } from '../platform/pagination';
import { shop } from './service';
import { documentClient } from './client';
import { conditionally, isConditionFailure, isTransactionConflict } from './write-errors';

type Key = Record<string, string>;

type OrderRecord = EntityItem<ReturnType<typeof buildOrderEntity>>;
export type InventoryRecord = EntityItem<ReturnType<typeof buildInventoryItemEntity>>;

type HistoryEntry = NonNullable<OrderRecord['history']>[number];

const toOrder = ({ createdYear: _year, fulfilmentYear: _fulfilmentYear, fulfilmentCreatedAt: _createdAt, history: _history, ...record }: OrderRecord): Order =>
  record;

/** A fulfilment step with the fulfilment index's copies of the order's year and creation time. */
const fulfilmentChange = (order: Order, fulfilment: FulfilmentStep) => ({
  fulfilment,
  fulfilmentYear: order.createdAt.slice(0, 4),
  fulfilmentCreatedAt: order.createdAt,
});


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

function historyEntry(from: HistoryPoint | undefined, to: HistoryPoint, actor: Actor, at: string): HistoryEntry {
  return {
    ...(from !== undefined && { from }),
    to,
    at,
    by: actor.caller.id,
    role: actor.caller.role,
    ...(actor.comments !== undefined && { comments: actor.comments }),
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 26 characters of Crockford base32, like a ULID, from a hash of the caller and their Idempotency-Key. */
export function idempotentOrderId(callerId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`order\n${callerId}\n${idempotencyKey}`).digest();
  let bits = '';
  for (const byte of digest.subarray(0, 17)) bits += byte.toString(2).padStart(8, '0');
  return Array.from({ length: 26 }, (_, index) => CROCKFORD[parseInt(bits.slice(index * 5, index * 5 + 5), 2)]).join('');
}

/** The customer deleted their account: no order may be created for them. */
export class CustomerAccountClosed extends Error {
  constructor(readonly customerId: string) {
    super(`The account of customer ${customerId} is closed`);
    this.name = 'CustomerAccountClosed';
  }
}

/**
 * Creates the order with its first history entry and records its id with the customer's orders
 * (refused once the account is closed: CustomerAccountClosed), in one transaction of two items:
 * account deletion closes that item, so creation and deletion serialize. With a given id that
 * exists already, returns that order.
 */
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
    history: [historyEntry(undefined, 'CREATED', actor, now)],
    createdYear: now.slice(0, 4),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const { canceled, data } = await shop
    .of('order', 'customerOrders')
    .transaction.write(({ order, customerOrders }) => [
      order.create(record).commit(),
      customerOrders
        .update({ customerId })
        .add({ orderIds: [id] })
        .where(({ closedAt }, { notExists }) => notExists(closedAt))
        .commit(),
    ])
    .go();
  if (!canceled) return toOrder(record);
  if ((data as readonly { code?: string }[])[1]?.code === 'ConditionalCheckFailed') throw new CustomerAccountClosed(customerId);
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

type OrderChanges = Partial<Omit<OrderRecord, 'id' | 'reference' | 'customerId' | 'createdAt' | 'history'>>;

type OrderCondition = Parameters<ReturnType<ReturnType<typeof shop.entities.order.patch>['set']>['where']>[0];

/**
 * The order's changes and its new history entry, conditional on its state and version: the write
 * every order action makes, alone or (approvals) in a transaction.
 */
function orderChange(order: Order, changes: OrderChanges, entry: HistoryEntry) {
  const unchanged: OrderCondition = ({ version, state }, { eq }) => `${eq(version, order.version)} AND ${eq(state, order.state)}`;
  // The index keys include the year: ElectroDB rebuilds them only when given every part.
  return { set: { ...changes, createdYear: order.createdAt.slice(0, 4) }, append: { history: [entry] }, where: unchanged };
}

/** One conditional UpdateItem; false when the order changed meanwhile or a transaction holds it (an approval). */
async function writeOrderChange(order: Order, changes: OrderChanges, entry: HistoryEntry): Promise<boolean> {
  try {
    const { set, append, where } = orderChange(order, changes, entry);
    await shop.entities.order.patch({ id: order.id }).set(set).append(append).where(where).go({ response: 'none' });
    return true;
  } catch (error) {
    if (isConditionFailure(error) || isTransactionConflict(error)) return false;
    throw error;
  }
}

/**
 * Submit, reject and cancel change only the order: one conditional write with its history entry.
 * Approval also deducts stock: one transaction of the order's write and one `onHand >= quantity`
 * decrement per line; it starts the order's fulfilment (PREPARING).
 */
export async function transitionOrder({ order, to, actor, review, deductStock }: Transition): Promise<TransitionOutcome> {
  const now = new Date().toISOString();
  const changes = {
    state: to,
    updatedAt: now,
    version: order.version + 1,
    ...(actor.comments !== undefined && { comments: actor.comments }),
    ...(review && { handledBy: actor.caller.id, reviewedAt: now }),
    ...(to === 'APPROVED' && fulfilmentChange(order, 'PREPARING')),
  };
  const entry = historyEntry(order.state, to, actor, now);
  if (!deductStock) {
    return (await writeOrderChange(order, changes, entry)) ? { outcome: 'done', order: { ...order, ...changes } } : { outcome: 'order-changed' };
  }
  const { lines } = order;
  const { set, append, where } = orderChange(order, changes, entry);
  const { canceled, data: results } = await shop
    .of('order', 'inventoryItem')
    .transaction.write((entities) => [
      entities.order.patch({ id: order.id }).set(set).append(append).where(where).commit(),
      ...lines.map((line) =>
        entities.inventoryItem
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
  const data = results as readonly { code?: string; item?: unknown }[];
  const short = lines.findIndex((_, index) => data[index + 1]?.code === 'ConditionalCheckFailed');
  if (short >= 0 && data[0]?.code !== 'ConditionalCheckFailed') {
    const line = lines[short]!;
    const stock =
      (data[short + 1]!.item as InventoryRecord | null) ?? (await shop.entities.inventoryItem.get({ id: line.itemId }).go()).data;
    return { outcome: 'insufficient-stock', itemId: line.itemId, requested: line.quantity, available: stock?.onHand ?? 0 };
  }
  return { outcome: 'order-changed' };
}

/**
 * Moves an approved order to its next fulfilment step and records it in its history, in one
 * conditional write on its state and version. The step's `comments` go to the history entry; the
 * order's own comments stay. Null when the order changed meanwhile.
 */
export async function advanceFulfilment(order: Order, to: FulfilmentStep, from: FulfilmentStep, actor: Actor): Promise<Order | null> {
  const now = new Date().toISOString();
  const changes = {
    // The state index's key needs the state too once the year is given (orderChange).
    state: order.state,
    ...fulfilmentChange(order, to),
    updatedAt: now,
    version: order.version + 1,
    ...(to === 'READY' && { readyAt: now }),
    ...(to === 'DELIVERED' && { deliveredAt: now }),
  };
  return (await writeOrderChange(order, changes, historyEntry(from, to, actor, now))) ? { ...order, ...changes } : null;
}

/**
 * Gives the orders approved before fulfilment existed their step, PREPARING, so that the boards
 * (gsi4) list them; each write is conditional on the order being approved, unchanged and still
 * without a step, and changes neither its version nor its `updatedAt` (a migration, not an order
 * change; PREPARING is not a notified step, so the stream sends nothing). Safe to run again.
 * Returns how many it updated.
 */
export async function startFulfilmentOfEarlierApprovals(): Promise<number> {
  let updated = 0;
  for (let year = FIRST_YEAR; year <= currentYear(); year++) {
    const { data } = await shop.entities.order.query
      .byState({ state: 'APPROVED', createdYear: String(year) })
      .where(({ fulfilment }, { notExists }) => notExists(fulfilment))
      .go({ pages: 'all' });
    for (const record of data) {
      const order = toOrder(record);
      const written = await conditionally(() =>
        shop.entities.order
          .patch({ id: order.id })
          .set(fulfilmentChange(order, 'PREPARING'))
          .where(({ version, state, fulfilment }, { eq, notExists }) => `${eq(version, order.version)} AND ${eq(state, 'APPROVED')} AND ${notExists(fulfilment)}`)
          .go(),
      );
      if (written) updated += 1;
    }
  }
  return updated;
}

const byTime = (a: HistoryEntry, b: HistoryEntry) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/**
 * The order and its transitions, oldest first, in one Query: the history inside the order item,
 * after the orderEvent items of the same partition that orders written before it have.
 */
export async function getOrderWithHistory(orderId: string): Promise<{ order: Order | null; events: HistoryEntry[] }> {
  const { data } = await shop.of('order', 'orderEvent').collections.orderHistory({ id: orderId }).go({ pages: 'all', consistent: true });
  const [order] = data.order;
  const events = [...data.orderEvent, ...(order?.history ?? [])].sort(byTime);
  return { order: order ? toOrder(order) : null, events };
}

export interface OrderFilter {
  customerId?: string;
  state?: OrderState;
  /** Approved orders at this step (implies state APPROVED). */
  fulfilment?: FulfilmentStep;
}

export interface ListOptions {
  binding: string;
  cursor?: string;
  limit: number;
  sort: SortOrder;
}

const pageOf = (page: { data: OrderRecord[]; cursor: string | null }) => ({ data: page.data.map(toOrder), cursor: page.cursor });

type YearQueryOptions = { order: 'asc' | 'desc'; pages: number; cursor: string | null; limit: number };

/** One page of one year, from the index that answers a filter without a customer: by fulfilment step (gsi4), by state (gsi2) or all (gsi3). */
async function queryYear({ state, fulfilment }: OrderFilter, createdYear: string, options: YearQueryOptions) {
  const { order: entity } = shop.entities;
  if (fulfilment) return pageOf(await entity.query.byFulfilment({ fulfilment, fulfilmentYear: createdYear }).go(options));
  if (state) return pageOf(await entity.query.byState({ state, createdYear }).go(options));
  return pageOf(await entity.query.byYear({ createdYear }).go(options));
}

/** Newest or oldest first: by customer (gsi1), or per year by fulfilment step, state or all; one Query per page. */
export function listOrders(filter: OrderFilter, options: ListOptions): Promise<Page<Order>> {
  const { customerId, state, fulfilment } = filter;
  const go = { order: options.sort === 'oldest' ? ('asc' as const) : ('desc' as const), pages: 1 };
  if (customerId) {
    return pageThrough({
      ...options,
      query: async (after, limit) => {
        const query = shop.entities.order.query.byCustomer({ customerId });
        const filtered =
          state || fulfilment
            ? query.where((attributes, { eq }) => [state && eq(attributes.state, state), fulfilment && eq(attributes.fulfilment, fulfilment)].filter(Boolean).join(' AND '))
            : query;
        return pageOf(await filtered.go({ ...go, cursor: after, limit }));
      },
    });
  }
  return pageThroughYears({
    ...options,
    queryYear: (year, after, limit) => queryYear(filter, String(year), { ...go, cursor: after, limit }),
  });
}
