import { updateInventoryItem } from '../../data/inventory';
import { httpHandler } from '../../platform/http-handler';
import { bodyForItem } from '../../usecases/inventory';
import { inventoryItemResponse } from './present';
import { inventoryPatchRoute } from './routes';

export const handler = httpHandler(inventoryPatchRoute, async (request) => {
  const { itemId } = request.params;
  const changes = await bodyForItem(itemId, request.body);
  return inventoryItemResponse(200, await updateInventoryItem(itemId, changes, request.ifMatch), request.caller);
});
