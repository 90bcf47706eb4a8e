import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * SMS outcomes as CloudWatch metrics (EMF). Namespace and the `service` dimension come from
 * POWERTOOLS_METRICS_NAMESPACE and POWERTOOLS_SERVICE_NAME (set by the CDK stack); the SmsFailed
 * alarm watches `SmsFailed`. Disabled where POWERTOOLS_DEV is set (tests, the local stack).
 */
export const smsMetrics = new Metrics({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'orders' });

export type SmsOutcomeMetric = 'SmsSent' | 'SmsFailed' | 'SmsRejected' | 'SmsDeadLettered';

export const countSms = (metric: SmsOutcomeMetric) => smsMetrics.addMetric(metric, MetricUnit.Count, 1);
