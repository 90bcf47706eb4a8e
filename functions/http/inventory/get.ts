import { httpHandler } from '../../platform/http-handler';
import { activeInventoryItem } from '../../usecases/inventory';
import { inventoryItemResponse } from './present';

export const handler = httpHandler('GET /v1/inventory/{itemId}', {}, async (request) =>
  inventoryItemResponse(200, await activeInventoryItem(request.params.itemId), request.caller),
);
