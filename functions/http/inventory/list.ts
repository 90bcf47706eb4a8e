import { listInventoryItems } from '../../data/inventory';
import { inventoryListBinding } from '../../core/cursor-bindings';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { presentInventoryItem } from './present';
import { inventoryListRoute } from './routes';

export const handler = httpHandler(inventoryListRoute, async (request) => {
  const { cursor, limit, type, state } = request.query;
  const binding = inventoryListBinding(request.caller?.id, { type, state });
  const page = await listInventoryItems({ binding, cursor, limit, filters: { type, state } });
  return json(200, { items: page.items.map((item) => presentInventoryItem(item, request.caller)), nextCursor: page.nextCursor });
});
