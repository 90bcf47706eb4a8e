import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ulid } from 'ulid';
import type { MessageQueue, QueuedMessage } from './message-queue';

type Line = { id: string; message: unknown } | { deleted: string };

/**
 * A queue on one machine: a JSON-lines file that is only ever appended to. A message is a line
 * `{id, message}`; deleting appends `{"deleted": id}`. Nothing is rewritten, so a message appended
 * while a replay runs is never lost. A line in another shape (an older format) is a message too:
 * the whole line, its receipt its id if it has one, else its line number.
 */
export class JsonLinesQueue implements MessageQueue {
  /**
   * Held back while others wait, as SQS hides a received message for its visibility timeout; what
   * this reader handed out comes back once too few others are left to fill a receive. So a reader
   * taking batches reaches every message, and one it did not delete is still there for it.
   */
  private readonly received = new Set<string>();

  constructor(readonly file: string) {}

  private async append(line: Line): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(line)}\n`);
  }

  send(message: unknown): Promise<void> {
    return this.append({ id: ulid(), message });
  }

  async receive(max: number): Promise<QueuedMessage[]> {
    const waiting = await this.waiting();
    const fresh = waiting.filter(({ receipt }) => !this.received.has(receipt)).slice(0, max);
    const again = waiting.filter(({ receipt }) => this.received.has(receipt)).slice(0, max - fresh.length);
    for (const { receipt } of fresh) this.received.add(receipt);
    const chosen = new Set([...fresh, ...again]);
    return waiting.filter((message) => chosen.has(message));
  }

  /** The messages not deleted, in the order they were sent. */
  private async waiting(): Promise<QueuedMessage[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const lines = text.split('\n').flatMap((line, index) => (line.trim() === '' ? [] : [{ index, line: JSON.parse(line) as Record<string, unknown> }]));
    const deleted = new Set(lines.flatMap(({ line }) => (typeof line.deleted === 'string' ? [line.deleted] : [])));
    return lines.flatMap(({ index, line }) => {
      if (typeof line.deleted === 'string') return [];
      const receipt = typeof line.id === 'string' ? line.id : `line-${index + 1}`;
      return deleted.has(receipt) ? [] : [{ message: receipt === line.id && 'message' in line ? line.message : line, receipt }];
    });
  }

  async delete(receipt: string): Promise<void> {
    await this.append({ deleted: receipt });
  }
}
