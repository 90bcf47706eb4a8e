import type { SQSClient } from '@aws-sdk/client-sqs';
import { JsonLinesQueue } from '../platform/json-lines-queue';
import type { MessageQueue } from '../platform/message-queue';
import { SqsMessageQueue } from '../platform/sqs-message-queue';
import type { ReceivedDeadLetter, SmsDeadLetter, SmsDeadLetterQueue } from './ports';

/** Marks what a queue message holds, so the replay leaves alone anything else that lands in the queue. */
const KIND = 'sms-dead-letter';

type Body = Partial<SmsDeadLetter> & { kind?: string; letter?: Partial<SmsDeadLetter> };

function parseLetter(message: unknown): SmsDeadLetter | null {
  if (typeof message !== 'object' || message === null) return null;
  // Files written before the generic queue hold lines `{id, kind, letter}`, the letter nested.
  const { kind, letter, ...flat } = message as Body;
  const { to, message: text, orderId, state, recipientId, reason = '', attempts = 0, deadLetteredAt = '' } = letter ?? flat;
  if (kind !== KIND || !to || !text || !orderId || !state) return null;
  return { to, message: text, orderId, state, ...(recipientId !== undefined && { recipientId }), reason, attempts, deadLetteredAt };
}

/** SMS dead letters in a queue of any messages: put marked with their kind, received only if they parse as letters. */
abstract class TypedDeadLetterQueue implements SmsDeadLetterQueue {
  abstract readonly name: string;

  constructor(private readonly queue: MessageQueue) {}

  put(letter: SmsDeadLetter): Promise<void> {
    return this.queue.send({ kind: KIND, ...letter });
  }

  async receive(max: number): Promise<ReceivedDeadLetter[]> {
    return (await this.queue.receive(max)).flatMap(({ message, receipt }) => {
      const letter = parseLetter(message);
      return letter ? [{ letter, receipt }] : [];
    });
  }

  delete(receipt: string): Promise<void> {
    return this.queue.delete(receipt);
  }
}

/** The SMS dead-letter queue in AWS. */
export class SqsDeadLetterQueue extends TypedDeadLetterQueue {
  readonly name = 'sqs';

  /** `visibilityTimeoutSeconds`: how long a received letter stays invisible to other readers while it is replayed. */
  constructor(sqs: SQSClient, queueUrl: string, visibilityTimeoutSeconds = 120) {
    super(new SqsMessageQueue(sqs, queueUrl, visibilityTimeoutSeconds));
  }
}

/** The SMS dead-letter queue on one machine: a JSON-lines file (functions/platform/json-lines-queue.ts). */
export class FileDeadLetterQueue extends TypedDeadLetterQueue {
  readonly name = 'file';

  constructor(readonly file: string) {
    super(new JsonLinesQueue(file));
  }
}
