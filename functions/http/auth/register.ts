import { httpHandler } from '../../platform/http-handler';
import { idempotency } from '../../platform/idempotency';
import { resource } from '../../platform/responses';
import { registerCustomer } from '../../usecases/register-customer';
import { authRegisterRoute } from './routes';

export const handler = httpHandler(authRegisterRoute, async (request) => resource(201, await registerCustomer(request.body())), {
  middlewares: idempotency(),
});
