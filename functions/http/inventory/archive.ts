import { archiveInventoryItem } from '../../data/inventory';
import { httpHandler } from '../../platform/http-handler';
import { noContent } from '../../platform/responses';
import { inventoryArchiveRoute } from './routes';

export const handler = httpHandler(inventoryArchiveRoute, async (request) => {
  await archiveInventoryItem(request.params.itemId, request.ifMatch);
  return noContent();
});
