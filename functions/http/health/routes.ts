import { declareRoute } from '../../route-declaration';

export const healthGetRoute = declareRoute({
  method: 'GET',
  path: '/v1/health',
  handler: 'http/health/get',
  auth: 'public',
  data: {},
  summary: 'Health check',
  success: { status: 200, description: 'The service is up.', schema: 'Health' },
});

export const healthRoutes = [healthGetRoute] as const;
