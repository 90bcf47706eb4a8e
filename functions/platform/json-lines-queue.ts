import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ulid } from 'ulid';
import type { MessageQueue, QueuedMessage } from './message-queue';

type Line = { id: string; message: unknown } | { deleted: string };

/**
 * A queue on one machine: a JSON-lines file that is only ever appended to. A message is a line
 * `{id, message}`; deleting appends `{"deleted": id}`. Nothing is rewritten, so a message appended
 * while a replay runs is never lost. A line in another shape (an older format) is a message too,
 * its receipt its line number.
 */
export class JsonLinesQueue implements MessageQueue {
  /** Like SQS's visibility timeout, for as long as this reader lives: a message is received once. */
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
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const lines = text.split('\n').flatMap((line, index) => (line.trim() === '' ? [] : [{ index, line: JSON.parse(line) as Record<string, unknown> }]));
    const deleted = new Set(lines.flatMap(({ line }) => (typeof line.deleted === 'string' ? [line.deleted] : [])));
    const messages = lines
      .flatMap(({ index, line }) => {
        if (typeof line.deleted === 'string') return [];
        const receipt = typeof line.id === 'string' && 'message' in line ? line.id : `line-${index + 1}`;
        return deleted.has(receipt) || this.received.has(receipt) ? [] : [{ message: receipt === line.id ? line.message : line, receipt }];
      })
      .slice(0, max);
    for (const { receipt } of messages) this.received.add(receipt);
    return messages;
  }

  async delete(receipt: string): Promise<void> {
    await this.append({ deleted: receipt });
  }
}
