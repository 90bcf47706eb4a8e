import { authRoutes } from './http/auth/routes';
import { customerRoutes } from './http/customers/routes';
import { docsRoutes } from './http/docs/routes';
import { healthRoutes } from './http/health/routes';
import { inventoryRoutes } from './http/inventory/routes';
import { meRoutes } from './http/me/routes';
import { notificationRoutes } from './http/notifications/routes';
import { orderRoutes } from './http/orders/routes';
import { smsRoutes } from './http/sms/routes';
import type { RouteDeclaration } from './route-declaration';

export type { AuthMode, HttpMethod, Route, RouteDeclaration } from './route-declaration';

/**
 * Every route of the service, in the order the OpenAPI document lists them. Each resource declares
 * its own in functions/http/<resource>/routes.ts; the CDK stack, the local gateway and the OpenAPI
 * document are all built from this list.
 */
export const routes = [
  ...healthRoutes,
  ...docsRoutes,
  ...authRoutes,
  ...meRoutes,
  ...customerRoutes,
  ...inventoryRoutes,
  ...orderRoutes,
  ...notificationRoutes,
  ...smsRoutes,
] as const satisfies readonly RouteDeclaration[];

/** `METHOD path` of each route, exactly (a method paired with another route's path is no key). */
export type RouteKey = (typeof routes)[number] extends infer Each
  ? Each extends { method: infer Method extends string; path: infer Path extends string }
    ? `${Method} ${Path}`
    : never
  : never;

export const routeKey = (route: Pick<RouteDeclaration, 'method' | 'path'>) => `${route.method} ${route.path}`;

export function findRoute(key: RouteKey): RouteDeclaration {
  const route = routes.find((candidate) => routeKey(candidate) === key);
  if (!route) throw new Error(`No route ${key} in functions/routes.ts`);
  return route;
}
