import { httpHandler } from '../../platform/http-handler';
import { activeInventoryItem } from '../../usecases/inventory';
import { inventoryItemResponse } from './present';
import { inventoryGetRoute } from './routes';

export const handler = httpHandler(inventoryGetRoute, async (request) =>
  inventoryItemResponse(200, await activeInventoryItem(request.params.itemId), request.caller),
);
