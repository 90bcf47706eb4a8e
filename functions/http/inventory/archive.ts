import { archiveInventoryItem } from '../../data/inventory';
import { httpHandler } from '../../platform/http-handler';
import { noContent } from '../../platform/responses';

export const handler = httpHandler('DELETE /v1/inventory/{itemId}', {}, async (request) => {
  await archiveInventoryItem(request.params.itemId, request.ifMatch);
  return noContent();
});
