import { ulid } from 'ulid';
import { insufficientStock, notFound, preconditionFailed, ValidationFailed } from '../core/errors';
import { MAX_STOCK, menuSortName, type BeverageType, type StockState } from '../core/inventory';
import { pageThrough, type Page } from '../platform/pagination';
import { shop } from './service';
import { retryingTransactionConflicts } from './write-errors';

/** The stored item, archived ones included: callers decide what an archived item means to them. */
export interface InventoryItem {
  id: string;
  name: string;
  type: BeverageType;
  caffeinated: boolean;
  flavored: boolean;
  priceCents: number;
  onHand: number;
  warnLimit: number;
  listing: 'active' | 'archived';
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type NewInventoryItem = Pick<InventoryItem, 'name' | 'type' | 'caffeinated' | 'flavored' | 'priceCents' | 'onHand' | 'warnLimit'>;

export type InventoryChanges = Partial<Pick<InventoryItem, 'name' | 'type' | 'caffeinated' | 'flavored' | 'priceCents' | 'warnLimit'>>;

export interface InventoryFilters {
  type?: BeverageType;
  state?: StockState;
}

const toItem = ({ sortName: _sortName, ...record }: InventoryItem & { sortName: string }): InventoryItem => record;

const isActive = (item: InventoryItem | null): item is InventoryItem => item?.listing === 'active';

/** One GetItem, strongly consistent so that a write is visible to the read that follows it. */
export async function getInventoryItem(id: string): Promise<InventoryItem | null> {
  const { data } = await shop.entities.inventoryItem.get({ id }).go({ consistent: true });
  return data ? toItem(data) : null;
}

export async function createInventoryItem(item: NewInventoryItem): Promise<InventoryItem> {
  const now = new Date().toISOString();
  const { data } = await shop.entities.inventoryItem
    .create({ ...item, id: ulid(), sortName: menuSortName(item.name), listing: 'active', createdAt: now, updatedAt: now, version: 1 })
    .go();
  return toItem(data);
}

/**
 * The active menu by name (case-insensitive), one Query per page. Type and stock state are
 * filters on that Query, so a page may hold fewer than `limit` items and still have a next one.
 */
export function listInventoryItems(options: {
  binding: string;
  cursor?: string;
  limit: number;
  filters: InventoryFilters;
}): Promise<Page<InventoryItem>> {
  const { type, state } = options.filters;
  return pageThrough({
    binding: options.binding,
    cursor: options.cursor,
    limit: options.limit,
    query: async (after, limit) => {
      const query = shop.entities.inventoryItem.query.byName({ listing: 'active' });
      const filtered =
        type || state
          ? query.where((attribute, op) => {
              const clauses: string[] = [];
              if (type) clauses.push(op.eq(attribute.type, type));
              if (state === 'OUT_OF_STOCK') clauses.push(op.eq(attribute.onHand, 0));
              if (state === 'FEW_REMAINING') {
                clauses.push(op.gt(attribute.onHand, 0), `${op.name(attribute.onHand)} <= ${op.name(attribute.warnLimit)}`);
              }
              if (state === 'AVAILABLE') clauses.push(`${op.name(attribute.onHand)} > ${op.name(attribute.warnLimit)}`);
              return clauses.join(' AND ');
            })
          : query;
      const page = await filtered.go({ cursor: after, limit, pages: 1 });
      return { data: page.data.map(toItem), cursor: page.cursor };
    },
  });
}

/**
 * Every write below is ONE conditional UpdateItem: the item must be active, at the If-Match
 * version when one was sent, and (for stock) stay within 0..MAX_STOCK. When the condition fails,
 * DynamoDB hands back the item as it was, and that image says which check failed, in the
 * contract's order: 404, then 412, then the stock rule. A write that meets an approval's
 * transaction on the item is tried again (retryingTransactionConflicts).
 */
type Expected = number | undefined;

async function explainFailure(id: string, old: InventoryItem | null, expectedVersion: Expected): Promise<InventoryItem> {
  // No image means no item, or a DynamoDB that does not return one: a consistent read decides.
  const current = old ?? (await getInventoryItem(id));
  if (!isActive(current)) throw notFound('inventory item');
  if (expectedVersion !== undefined && current.version !== expectedVersion) throw preconditionFailed();
  return current;
}

/** An If-Match that names no version (NaN) can never match: 404 if there is nothing to match, else 412. */
async function refuseUnmatchable(id: string): Promise<never> {
  await explainFailure(id, null, Number.NaN);
  throw preconditionFailed();
}

type Where = Parameters<ReturnType<ReturnType<typeof shop.entities.inventoryItem.patch>['set']>['where']>[0];

/** The condition every write shares: active, at the If-Match version if one was sent, and `extra`. */
const activeAt =
  (expectedVersion: Expected, extra?: (...args: Parameters<Where>) => string): Where =>
  (attribute, op) =>
    [
      op.eq(attribute.listing, 'active'),
      expectedVersion === undefined ? '' : op.eq(attribute.version, expectedVersion),
      extra ? extra(attribute, op) : '',
    ]
      .filter(Boolean)
      .join(' AND ');

/**
 * Without If-Match the change is applied to whatever version is current (the fields it sets do
 * not depend on the others, and `version` is incremented atomically), so concurrent PATCHes all
 * succeed without a read or a retry. With If-Match, a concurrent change is a 412.
 */
export async function updateInventoryItem(id: string, changes: InventoryChanges, expectedVersion?: Expected): Promise<InventoryItem> {
  if (Number.isNaN(expectedVersion)) return refuseUnmatchable(id);
  // ElectroDB refuses an explicit undefined for a required attribute: leave unsent fields out.
  const sent = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as InventoryChanges;
  const set = { ...sent, ...(sent.name !== undefined && { sortName: menuSortName(sent.name) }), updatedAt: new Date().toISOString() };
  const result = await retryingTransactionConflicts(() =>
    shop.entities.inventoryItem
      .patch({ id })
      .set(set)
      .add({ version: 1 })
      .where(activeAt(expectedVersion))
      .go({ response: 'all_new', returnOnConditionCheckFailure: 'all_old' }),
  );
  if (result.rejected) {
    await explainFailure(id, result.data ? toItem(result.data) : null, expectedVersion);
    throw new Error(`Update of inventory item ${id} was refused for no known reason`);
  }
  return toItem(result.data);
}

/**
 * `onHand = onHand + delta` in one conditional update: `onHand + delta >= 0` is written as
 * `onHand >= -delta`, and `onHand + delta <= MAX_STOCK` as `onHand <= MAX_STOCK - delta`.
 * Below 0 is 409 insufficient_stock (contract). Above the maximum is 400 validation_failed: the
 * contract bounds `onHand` to 0..1000000 and lists out-of-range values under 400; it is not a
 * shortage, so none of the 409 codes fits.
 */
export async function adjustStock(id: string, delta: number, expectedVersion?: Expected): Promise<InventoryItem> {
  if (Number.isNaN(expectedVersion)) return refuseUnmatchable(id);
  const result = await retryingTransactionConflicts(() =>
    shop.entities.inventoryItem
      .patch({ id })
      .add({ onHand: delta, version: 1 })
      .set({ updatedAt: new Date().toISOString() })
      .where(
        activeAt(expectedVersion, (attribute, op) =>
          delta < 0 ? op.gte(attribute.onHand, -delta) : op.lte(attribute.onHand, MAX_STOCK - delta),
        ),
      )
      .go({ response: 'all_new', returnOnConditionCheckFailure: 'all_old' }),
  );
  if (!result.rejected) return toItem(result.data);
  const current = await explainFailure(id, result.data ? toItem(result.data) : null, expectedVersion);
  if (delta < 0) throw insufficientStock(id, -delta, current.onHand);
  throw new ValidationFailed(`The adjustment would raise onHand to ${current.onHand + delta}, above the maximum of ${MAX_STOCK}.`, [
    { path: 'body.delta', message: `onHand is ${current.onHand}; it may rise by at most ${MAX_STOCK - current.onHand}` },
  ]);
}

/** Takes the item off the menu (listing → archived); orders that hold it keep their copies. */
export async function archiveInventoryItem(id: string, expectedVersion?: Expected): Promise<void> {
  if (Number.isNaN(expectedVersion)) return refuseUnmatchable(id);
  const result = await retryingTransactionConflicts(() =>
    shop.entities.inventoryItem
      .patch({ id })
      .set({ listing: 'archived', updatedAt: new Date().toISOString() })
      .add({ version: 1 })
      .where(activeAt(expectedVersion))
      .go({ response: 'none', returnOnConditionCheckFailure: 'all_old' }),
  );
  if (result.rejected) {
    await explainFailure(id, result.data ? toItem(result.data) : null, expectedVersion);
    throw new Error(`Archiving inventory item ${id} was refused for no known reason`);
  }
}
