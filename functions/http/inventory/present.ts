import type { z } from 'zod';
import { stockState } from '../../core/inventory';
import { formatCents } from '../../core/money';
import type { Caller } from '../../core/roles';
import type { InventoryItem } from '../../data/inventory';
import { json, resource, type HttpResponse } from '../../platform/responses';
import type { employeeInventoryItem, publicInventoryItem } from './schemas';

/** What anyone may see: no stock figures, no version (the fields are absent, not null). */
function publicView(item: InventoryItem): z.infer<typeof publicInventoryItem> {
  const { id, name, type, caffeinated, flavored, priceCents, onHand, warnLimit, createdAt, updatedAt } = item;
  const state = stockState(onHand, warnLimit);
  return { id, name, type, caffeinated, flavored, price: formatCents(priceCents), state, createdAt, updatedAt };
}

/** What employees see: the whole item, in the contract's field order. */
function employeeView(item: InventoryItem): z.infer<typeof employeeInventoryItem> {
  const { createdAt, updatedAt, ...view } = publicView(item);
  return { ...view, onHand: item.onHand, warnLimit: item.warnLimit, createdAt, updatedAt, version: item.version };
}

export const presentInventoryItem = (item: InventoryItem, caller: Caller | null) =>
  caller?.role === 'employee' ? employeeView(item) : publicView(item);

/** One item; employees also get its ETag, everyone else sees no version and so gets none. */
export const inventoryItemResponse = (statusCode: number, item: InventoryItem, caller: Caller | null): HttpResponse =>
  caller?.role === 'employee' ? resource(statusCode, employeeView(item)) : json(statusCode, publicView(item));
