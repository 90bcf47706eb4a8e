import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ulid } from 'ulid';
import type { SmsMessage, SmsReceipt, SmsSender } from './ports';

/** One line of the local outbox (contract section 6). */
export interface OutboxLine extends SmsMessage {
  sentAt: string;
  messageId: string;
}

/** The local stack's sender when no Africa's Talking credentials are set: one JSON line per message. */
export class LocalOutboxSender implements SmsSender {
  readonly name = 'local-outbox';

  constructor(private readonly file: string) {}

  async send({ to, message, orderId, state }: SmsMessage): Promise<SmsReceipt> {
    const line: OutboxLine = { to, message, orderId, state, sentAt: new Date().toISOString(), messageId: `local-${ulid()}` };
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(line)}\n`);
    return { providerMessageId: line.messageId, providerStatus: 'LocalOutbox' };
  }
}
