/**
 * THE route table: read by the CDK stack (one function per route), the local gateway and the
 * OpenAPI document. `handler` is a module under functions/ exporting `handler`.
 * auth: public (no token looked at), optional (a token, when sent, is verified and used),
 * customer | employee (that group only), any (either group).
 */
export type AuthMode = 'public' | 'optional' | 'customer' | 'employee' | 'any';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Route {
  method: HttpMethod;
  path: string;
  handler: string;
  auth: AuthMode;
}

export const routes = [
  { method: 'GET', path: '/v1/health', handler: 'http/health/get', auth: 'public' },
  { method: 'GET', path: '/v1/openapi.json', handler: 'http/docs/openapi', auth: 'public' },
  { method: 'GET', path: '/docs', handler: 'http/docs/swagger-ui', auth: 'public' },
  { method: 'GET', path: '/redoc', handler: 'http/docs/redoc', auth: 'public' },
  { method: 'GET', path: '/docs/assets/{file}', handler: 'http/docs/asset', auth: 'public' },
  { method: 'POST', path: '/v1/auth/register', handler: 'http/auth/register', auth: 'public' },
  { method: 'POST', path: '/v1/auth/token', handler: 'http/auth/token', auth: 'public' },
  { method: 'POST', path: '/v1/auth/refresh', handler: 'http/auth/refresh', auth: 'public' },
  { method: 'GET', path: '/v1/me', handler: 'http/me/get', auth: 'any' },
  { method: 'PATCH', path: '/v1/me', handler: 'http/me/patch', auth: 'customer' },
  { method: 'GET', path: '/v1/customers', handler: 'http/customers/list', auth: 'employee' },
  { method: 'GET', path: '/v1/customers/{customerId}', handler: 'http/customers/get', auth: 'any' },
  { method: 'GET', path: '/v1/inventory', handler: 'http/inventory/list', auth: 'optional' },
  { method: 'GET', path: '/v1/inventory/{itemId}', handler: 'http/inventory/get', auth: 'optional' },
  { method: 'POST', path: '/v1/inventory', handler: 'http/inventory/create', auth: 'employee' },
  { method: 'PATCH', path: '/v1/inventory/{itemId}', handler: 'http/inventory/patch', auth: 'employee' },
  { method: 'POST', path: '/v1/inventory/{itemId}/adjustments', handler: 'http/inventory/adjust', auth: 'employee' },
  { method: 'DELETE', path: '/v1/inventory/{itemId}', handler: 'http/inventory/archive', auth: 'employee' },
  { method: 'POST', path: '/v1/orders', handler: 'http/orders/create', auth: 'any' },
  { method: 'GET', path: '/v1/orders', handler: 'http/orders/list', auth: 'any' },
  { method: 'GET', path: '/v1/orders/{orderId}', handler: 'http/orders/get', auth: 'any' },
  { method: 'GET', path: '/v1/orders/{orderId}/history', handler: 'http/orders/history', auth: 'any' },
  { method: 'POST', path: '/v1/orders/{orderId}/items', handler: 'http/orders/add-item', auth: 'any' },
  { method: 'PATCH', path: '/v1/orders/{orderId}/items/{itemId}', handler: 'http/orders/update-item', auth: 'any' },
  { method: 'DELETE', path: '/v1/orders/{orderId}/items/{itemId}', handler: 'http/orders/remove-item', auth: 'any' },
  { method: 'POST', path: '/v1/orders/{orderId}/submit', handler: 'http/orders/submit', auth: 'any' },
  { method: 'POST', path: '/v1/orders/{orderId}/approve', handler: 'http/orders/approve', auth: 'employee' },
  { method: 'POST', path: '/v1/orders/{orderId}/reject', handler: 'http/orders/reject', auth: 'employee' },
  { method: 'POST', path: '/v1/orders/{orderId}/cancel', handler: 'http/orders/cancel', auth: 'any' },
  { method: 'POST', path: '/v1/orders/{orderId}/ready', handler: 'http/orders/ready', auth: 'employee' },
  { method: 'POST', path: '/v1/orders/{orderId}/deliver', handler: 'http/orders/deliver', auth: 'employee' },
  { method: 'GET', path: '/v1/orders/{orderId}/notifications', handler: 'http/orders/notifications', auth: 'employee' },
  { method: 'GET', path: '/v1/notifications', handler: 'http/notifications/list', auth: 'any' },
  { method: 'POST', path: '/v1/notifications/read', handler: 'http/notifications/read', auth: 'any' },
  { method: 'POST', path: '/v1/sms/delivery-reports', handler: 'http/sms/delivery-report', auth: 'public' },
] as const satisfies readonly Route[];

/** `METHOD path` of each route, exactly (a method paired with another route's path is no key). */
export type RouteKey = (typeof routes)[number] extends infer Each
  ? Each extends { method: infer Method extends string; path: infer Path extends string }
    ? `${Method} ${Path}`
    : never
  : never;

export function findRoute(key: RouteKey): Route {
  const route = routes.find((candidate) => `${candidate.method} ${candidate.path}` === key);
  if (!route) throw new Error(`No route ${key} in functions/routes.ts`);
  return route;
}
