import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ulid } from 'ulid';
import type { ReceivedDeadLetter, SmsDeadLetter, SmsDeadLetterQueue } from './ports';

/** Marks what a queue message holds, so the replay leaves alone anything else that lands in the queue. */
const KIND = 'sms-dead-letter';

function parseLetter(body: string | undefined): SmsDeadLetter | null {
  try {
    const parsed = JSON.parse(body ?? '') as Partial<SmsDeadLetter> & { kind?: string };
    const { to, message, orderId, state, reason = '', attempts = 0, deadLetteredAt = '' } = parsed;
    if (parsed.kind !== KIND || !to || !message || !orderId || !state) return null;
    return { to, message, orderId, state, reason, attempts, deadLetteredAt };
  } catch {
    return null;
  }
}

/** The SMS dead-letter queue in AWS. */
export class SqsDeadLetterQueue implements SmsDeadLetterQueue {
  readonly name = 'sqs';

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    /** How long a received letter stays invisible to other readers while it is replayed. */
    private readonly visibilityTimeoutSeconds = 120,
  ) {}

  async put(letter: SmsDeadLetter): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify({ kind: KIND, ...letter }) }));
  }

  async receive(max: number): Promise<ReceivedDeadLetter[]> {
    const { Messages = [] } = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(Math.max(max, 1), 10),
        VisibilityTimeout: this.visibilityTimeoutSeconds,
        WaitTimeSeconds: 1,
      }),
    );
    return Messages.flatMap((message) => {
      const letter = parseLetter(message.Body);
      return letter && message.ReceiptHandle ? [{ letter, receipt: message.ReceiptHandle }] : [];
    });
  }

  async delete(receipt: string): Promise<void> {
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receipt }));
  }
}

type FileLine = { id: string; kind: typeof KIND; letter: SmsDeadLetter } | { deleted: string };

/**
 * The SMS dead-letter queue on one machine: a JSON-lines file that is only ever appended to.
 * A letter is a line with an id; deleting appends a `{"deleted": id}` line. Nothing is rewritten,
 * so a letter appended while a replay runs is never lost.
 */
export class FileDeadLetterQueue implements SmsDeadLetterQueue {
  readonly name = 'file';

  constructor(readonly file: string) {}

  private async append(line: FileLine): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(line)}\n`);
  }

  async put(letter: SmsDeadLetter): Promise<void> {
    await this.append({ id: ulid(), kind: KIND, letter });
  }

  async receive(max: number): Promise<ReceivedDeadLetter[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const lines = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as FileLine);
    const deleted = new Set(lines.flatMap((line) => ('deleted' in line ? [line.deleted] : [])));
    return lines
      .flatMap((line) => ('id' in line && !deleted.has(line.id) ? [{ letter: line.letter, receipt: line.id }] : []))
      .slice(0, max);
  }

  async delete(receipt: string): Promise<void> {
    await this.append({ deleted: receipt });
  }
}
