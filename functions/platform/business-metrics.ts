import type middy from '@middy/core';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Business events as CloudWatch metrics, written as EMF into the function's log (no CloudWatch API
 * call on the request path). Namespace and the `service` dimension come from
 * POWERTOOLS_METRICS_NAMESPACE and POWERTOOLS_SERVICE_NAME, set by the CDK stack; the dashboard
 * sums them per hour. Disabled where POWERTOOLS_DEV is set (tests, the local stack).
 */
export const businessMetrics = new Metrics({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'orders' });

export type BusinessMetric = 'OrdersCreated' | 'OrdersApproved' | 'OrdersRejected';

export const countBusinessEvent = (metric: BusinessMetric) => businessMetrics.addMetric(metric, MetricUnit.Count, 1);

const flush = () => {
  if (businessMetrics.hasStoredMetrics()) businessMetrics.publishStoredMetrics();
};

/** Writes what the invocation counted, success or not; an invocation that counted nothing writes nothing. */
export const publishBusinessMetrics = (): middy.MiddlewareObj => ({ after: flush, onError: flush });
