import { dirname, join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { config } from '../platform/config';
import { traceClient } from '../platform/tracer';
import { AfricasTalkingSender, type AfricasTalkingCredentials } from './africas-talking';
import { FileDeadLetterQueue, SqsDeadLetterQueue } from './dead-letters';
import { LocalOutboxSender } from './outbox';
import { africasTalkingSecret } from './secret';
import { SmsTemporaryFailure, type SmsDeadLetterQueue, type SmsSender } from './ports';

async function credentials(): Promise<AfricasTalkingCredentials> {
  const secret = await africasTalkingSecret();
  const username = secret ? secret.username : config.atUsername;
  const apiKey = secret ? secret.apiKey : config.atApiKey;
  // An unfilled secret is a setup step still to do: retried, then dead-lettered for replay, never dropped.
  if (!username || !apiKey) throw new SmsTemporaryFailure("The Africa's Talking secret has no username or apiKey yet", 'NotConfigured');
  const senderId = (secret ? secret.senderId : undefined) || config.atSenderId;
  return { username, apiKey, ...(senderId && { senderId }) };
}

/**
 * THE choice of SMS sender: Africa's Talking when credentials are configured (a Secrets Manager
 * secret by ARN in AWS, AT_USERNAME and AT_API_KEY locally), else the local outbox file.
 */
export function smsSender(): SmsSender {
  if (config.atSecretArn || (config.atUsername && config.atApiKey)) {
    return new AfricasTalkingSender({ credentials, timeoutMs: config.smsTimeoutMs });
  }
  const outbox = config.smsOutboxFile;
  if (outbox) return new LocalOutboxSender(outbox);
  throw new Error("No SMS sender configured: set AT_SECRET_ARN (AWS), AT_USERNAME and AT_API_KEY, or SMS_OUTBOX_FILE (local)");
}

let sqs: SQSClient | undefined;

/** THE choice of SMS dead-letter queue: SQS by SMS_DLQ_URL in AWS, else SMS_DLQ_FILE, else sms-dlq.jsonl next to the outbox. */
export function smsDeadLetterQueue(): SmsDeadLetterQueue {
  const url = config.smsDlqUrl;
  if (url) return new SqsDeadLetterQueue((sqs ??= traceClient(new SQSClient({ region: config.region }))), url);
  const file = config.smsDlqFile ?? (config.smsOutboxFile && join(dirname(config.smsOutboxFile), 'sms-dlq.jsonl'));
  if (file) return new FileDeadLetterQueue(file);
  throw new Error('No SMS dead-letter queue configured: set SMS_DLQ_URL (AWS) or SMS_DLQ_FILE (local)');
}
