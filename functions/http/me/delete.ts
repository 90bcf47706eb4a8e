import { httpHandler } from '../../platform/http-handler';
import { noContent } from '../../platform/responses';
import { deleteAccount } from '../../usecases/delete-account';
import { meDeleteRoute } from './routes';

export const handler = httpHandler(meDeleteRoute, async (request) => {
  await deleteAccount(request.caller);
  return noContent();
});
