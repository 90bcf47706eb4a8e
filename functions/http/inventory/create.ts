import { createInventoryItem } from '../../data/inventory';
import { httpHandler } from '../../platform/http-handler';
import { inventoryItemResponse } from './present';
import { createInventoryItemBody } from './schemas';

export const handler = httpHandler('POST /v1/inventory', { body: createInventoryItemBody }, async (request) =>
  inventoryItemResponse(201, await createInventoryItem(request.body()), request.caller),
);
