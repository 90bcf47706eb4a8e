import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * SMS outcomes as CloudWatch metrics (EMF). Namespace and the `service` dimension come from
 * POWERTOOLS_METRICS_NAMESPACE and POWERTOOLS_SERVICE_NAME (set by the CDK stack); alarms watch
 * `SmsFailed` and `SmsUncertain`. Disabled where POWERTOOLS_DEV is set (tests, the local stack).
 */
export const smsMetrics = new Metrics({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'orders' });

export type SmsOutcomeMetric = 'SmsSent' | 'SmsFailed' | 'SmsRejected' | 'SmsDeadLettered' | 'SmsUncertain' | 'SmsDropped';

export const countSms = (metric: SmsOutcomeMetric) => smsMetrics.addMetric(metric, MetricUnit.Count, 1);

/** `SmsCost`: the provider's price of a sent message ("KES 0.8000" → 0.8, in the account's currency); unparseable prices are skipped. */
export function countSmsCost(cost: string | undefined): void {
  const amount = Number(/(\d+(?:\.\d+)?)/.exec(cost ?? '')?.[1]);
  if (Number.isFinite(amount)) smsMetrics.addMetric('SmsCost', MetricUnit.NoUnit, amount);
}
