import { allPages, ok, type ApiClient } from './client';
import { ApiError, type InventoryItem } from './types';

type AnyItem = InventoryItem | Omit<InventoryItem, 'onHand' | 'warnLimit' | 'version'>;

/** Employees get the stock fields; an item without them means the token is not an employee's. */
export function withStock(item: AnyItem): InventoryItem {
  if (!('onHand' in item)) throw new ApiError(403);
  return item;
}

/** The whole menu (every drink, by name), with stock. */
export async function loadMenu(api: ApiClient): Promise<InventoryItem[]> {
  const items = await allPages((cursor) => ok(api.GET('/v1/inventory', { params: { query: { limit: 100, cursor } } })));
  return items.map(withStock);
}

/** The current stock of each drink, by id; an archived drink (404) is absent. */
export async function loadStock(api: ApiClient, itemIds: readonly string[]): Promise<Map<string, InventoryItem>> {
  const read = async (itemId: string) => {
    try {
      return withStock(await ok(api.GET('/v1/inventory/{itemId}', { params: { path: { itemId } } })));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  };
  const items = await Promise.all([...new Set(itemIds)].map(read));
  return new Map(items.filter((item) => item !== undefined).map((item) => [item.id, item]));
}
