import type { RouteDeclaration } from '../../route-declaration';

export const healthGetRoute = {
  method: 'GET',
  path: '/v1/health',
  handler: 'http/health/get',
  auth: 'public',
  data: {},
  summary: 'Health check',
  success: { status: 200, description: 'The service is up.', schema: 'Health' },
} as const satisfies RouteDeclaration;

export const healthRoutes = [healthGetRoute] as const;
