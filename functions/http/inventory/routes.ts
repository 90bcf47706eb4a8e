import type { RouteDeclaration } from '../../route-declaration';
import { adjustmentBody, createInventoryItemBody, listInventoryQuery, patchInventoryItemBody } from './schemas';

/** Every change reads the item, then writes it conditionally on what it read. */
const changesItems = { reads: ['inventoryItem'], writes: ['inventoryItem'] } as const;

export const inventoryListRoute = {
  method: 'GET',
  path: '/v1/inventory',
  handler: 'http/inventory/list',
  auth: 'optional',
  data: { queries: ['inventoryItem.byName'] },
  summary: 'List the menu',
  description: 'By name. The token is optional: employees see stock figures and versions, everyone else the public view.',
  query: listInventoryQuery,
  success: { status: 200, description: 'A page of inventory items.', schema: 'InventoryPage' },
} as const satisfies RouteDeclaration;

export const inventoryGetRoute = {
  method: 'GET',
  path: '/v1/inventory/{itemId}',
  handler: 'http/inventory/get',
  auth: 'optional',
  data: { reads: ['inventoryItem'] },
  summary: 'An inventory item',
  description: 'The token is optional: employees get the whole item with its ETag, everyone else the public view.',
  success: { status: 200, description: 'The item.', schema: 'AnyInventoryItem', etag: 'employees' },
  problems: ['not_found'],
  resource: 'inventory item',
} as const satisfies RouteDeclaration;

export const inventoryCreateRoute = {
  method: 'POST',
  path: '/v1/inventory',
  handler: 'http/inventory/create',
  auth: 'employee',
  data: { writes: ['inventoryItem'] },
  summary: 'Add an inventory item',
  body: {
    schema: createInventoryItemBody,
    name: 'CreateInventoryItemRequest',
    example: { name: 'Caffè Latte', type: 'COFFEE', caffeinated: true, price: '6.40', onHand: 24 },
  },
  success: { status: 201, description: 'The new item.', schema: 'InventoryItem', etag: true },
} as const satisfies RouteDeclaration;

export const inventoryPatchRoute = {
  method: 'PATCH',
  path: '/v1/inventory/{itemId}',
  handler: 'http/inventory/patch',
  auth: 'employee',
  data: changesItems,
  summary: 'Change an inventory item',
  description: 'Any of name, type, caffeinated, flavored, price, warnLimit; at least one. `onHand` changes only through adjustments (sending it is a 400).',
  body: { schema: patchInventoryItemBody, name: 'PatchInventoryItemRequest', required: true, example: { price: '6.80' } },
  ifMatch: true,
  success: { status: 200, description: 'The updated item.', schema: 'InventoryItem', etag: true },
  problems: ['not_found'],
  resource: 'inventory item',
} as const satisfies RouteDeclaration;

export const inventoryAdjustRoute = {
  method: 'POST',
  path: '/v1/inventory/{itemId}/adjustments',
  handler: 'http/inventory/adjust',
  auth: 'employee',
  data: changesItems,
  summary: 'Adjust the stock',
  description: 'Adds `delta` (negative to remove) to `onHand` atomically; a result below 0 changes nothing.',
  body: { schema: adjustmentBody, name: 'StockAdjustmentRequest', example: { delta: 12, reason: 'Delivery from the roaster' } },
  ifMatch: true,
  success: { status: 200, description: 'The item after the adjustment.', schema: 'InventoryItem', etag: true },
  problems: ['not_found', 'insufficient_stock'],
  resource: 'inventory item',
} as const satisfies RouteDeclaration;

export const inventoryArchiveRoute = {
  method: 'DELETE',
  path: '/v1/inventory/{itemId}',
  handler: 'http/inventory/archive',
  auth: 'employee',
  data: changesItems,
  summary: 'Archive an inventory item',
  description: 'Gone from lists and reads (404) and cannot be added to orders; orders that hold it are untouched.',
  ifMatch: true,
  success: { status: 204, description: 'Archived.' },
  problems: ['not_found'],
  resource: 'inventory item',
} as const satisfies RouteDeclaration;

export const inventoryRoutes = [inventoryListRoute, inventoryGetRoute, inventoryCreateRoute, inventoryPatchRoute, inventoryAdjustRoute, inventoryArchiveRoute] as const;
