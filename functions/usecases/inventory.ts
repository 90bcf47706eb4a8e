import { notFound } from '../core/errors';
import type { Caller } from '../core/roles';
import { adjustStock, getInventoryItem, type InventoryItem } from '../data/inventory';
import { logger } from '../platform/logger';

/** An item on the menu; missing and archived items are both 404. */
export async function activeInventoryItem(id: string): Promise<InventoryItem> {
  const item = await getInventoryItem(id);
  if (item?.listing !== 'active') throw notFound('inventory item');
  return item;
}

/**
 * The validated body of a write on an item, in the contract's check order: a missing or archived
 * item is a 404 even when the body is also invalid. The lookup runs only when the body fails, so
 * a valid write costs one request: the conditional write itself answers 404 and 412.
 */
export async function bodyForItem<B>(itemId: string, body: () => B): Promise<B> {
  try {
    return body();
  } catch (error) {
    await activeInventoryItem(itemId);
    throw error;
  }
}

/** Stock moves only through adjustments; each one is logged with its reason and author for the audit trail. */
export async function adjustStockWithReason(
  caller: Caller,
  itemId: string,
  adjustment: { delta: number; reason: string },
  expectedVersion: number | undefined,
): Promise<InventoryItem> {
  const item = await adjustStock(itemId, adjustment.delta, expectedVersion);
  logger.info('Stock adjusted', { itemId, ...adjustment, onHand: item.onHand, version: item.version, by: caller.id });
  return item;
}
