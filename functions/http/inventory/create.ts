import { createInventoryItem } from '../../data/inventory';
import { httpHandler } from '../../platform/http-handler';
import { inventoryItemResponse } from './present';
import { inventoryCreateRoute } from './routes';

export const handler = httpHandler(inventoryCreateRoute, async (request) =>
  inventoryItemResponse(201, await createInventoryItem(request.body()), request.caller),
);
