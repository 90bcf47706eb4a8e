import { httpHandler } from '../../platform/http-handler';
import { adjustStockWithReason, bodyForItem } from '../../usecases/inventory';
import { inventoryItemResponse } from './present';
import { inventoryAdjustRoute } from './routes';

export const handler = httpHandler(inventoryAdjustRoute, async (request) => {
  const { itemId } = request.params;
  const adjustment = await bodyForItem(itemId, request.body);
  const item = await adjustStockWithReason(request.caller, itemId, adjustment, request.ifMatch);
  return inventoryItemResponse(200, item, request.caller);
});
