import type { Context } from 'aws-lambda';
import { logger } from '../platform/logger';
import { traced } from '../platform/tracer';
import type { AttemptSettings } from './attempt';
import { configuredAttemptSettings } from './configured';
import { smsMetrics } from './metrics';
import { sweepDueDeliveries } from './sweep';

let settings: AttemptSettings | undefined;

/** SmsRetrySweep: run every minute by an EventBridge schedule (locally by lib/local/schedule.ts). */
export const handler = traced(async (_event: unknown, context: Context) => {
  logger.addContext(context);
  try {
    const report = await sweepDueDeliveries((settings ??= configuredAttemptSettings()));
    if (report.due > 0) logger.info('SMS retry sweep', { ...report });
    return report;
  } finally {
    if (smsMetrics.hasStoredMetrics()) smsMetrics.publishStoredMetrics();
  }
});
