import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { config } from '../platform/config';
import { traceClient } from '../platform/tracer';
import { alertSubject, type StaffAlert } from './events';

export type PublishAlert = (alert: StaffAlert) => Promise<void>;

/** Local: the staff alerts file beside the SMS outbox (`GET /_local/staff-alerts`). */
export const staffAlertsFileNextTo = (smsOutboxFile: string) => join(dirname(smsOutboxFile), 'staff-alerts.jsonl');

let sns: SNSClient | undefined;

function snsPublisher(topicArn: string): PublishAlert {
  return async (alert) => {
    sns ??= traceClient(new SNSClient({ region: config.region }));
    // SNS caps email subjects at 100 characters.
    await sns.send(new PublishCommand({ TopicArn: topicArn, Subject: alertSubject(alert).slice(0, 100), Message: JSON.stringify(alert, null, 2), MessageAttributes: { type: { DataType: 'String', StringValue: alert.type } } }));
  };
}

function filePublisher(file: string): PublishAlert {
  return async (alert) => {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, `${JSON.stringify({ subject: alertSubject(alert), ...alert, publishedAt: new Date().toISOString() })}\n`);
  };
}

/** THE choice of publisher: the SNS topic by STAFF_ALERTS_TOPIC_ARN in AWS, else the local file beside the SMS outbox. */
export function staffAlertPublisher(): PublishAlert {
  const topicArn = process.env.STAFF_ALERTS_TOPIC_ARN;
  if (topicArn) return snsPublisher(topicArn);
  const outbox = config.smsOutboxFile;
  if (outbox) return filePublisher(staffAlertsFileNextTo(outbox));
  throw new Error('No staff-alerts publisher configured: set STAFF_ALERTS_TOPIC_ARN (AWS) or SMS_OUTBOX_FILE (local)');
}
