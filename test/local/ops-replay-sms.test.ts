import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { expect, it } from 'vitest';
import { FileDeadLetterQueue } from '../../functions/notifications/dead-letters';
import { replaySms } from '../../lib/ops/replay-sms';
import type { SmsDeadLetter } from '../../functions/notifications/ports';
import type { OpsTarget } from '../../lib/ops/targets';

/** The local stack of a fresh directory: outbox and SMS dead-letter file in it. */
function localTarget(dir: string): OpsTarget {
  return {
    description: 'test stack',
    region: 'us-east-1',
    userPoolId: 'local_test',
    tableName: process.env.TABLE_NAME!,
    functionEnvironment: {
      TABLE_NAME: process.env.TABLE_NAME!,
      DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT!,
      SMS_OUTBOX_FILE: join(dir, 'sms-outbox.jsonl'),
      SMS_DLQ_FILE: join(dir, 'sms-dlq.jsonl'),
    },
  };
}
const aLetter = (orderId: string): SmsDeadLetter => ({
  to: '+254700000124',
  message: 'Dear customer, your order ABC124 has been created.',
  orderId,
  state: 'CREATED',
  reason: 'timeout',
  attempts: 5,
  deadLetteredAt: '2026-12-01T10:00:00.000Z',
});
const outboxOf = (dir: string) => readFileSync(join(dir, 'sms-outbox.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));

it('replays the local SMS dead-letter file through the outbox and empties it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const target = localTarget(dir);
  const queue = new FileDeadLetterQueue(join(dir, 'sms-dlq.jsonl'));
  const message = 'Dear customer, your order ABC123 has been created.';
  await queue.put({ to: '+254700000123', message, orderId: 'order-1', state: 'CREATED', reason: 'timeout', attempts: 5, deadLetteredAt: new Date().toISOString() });

  const dry = await replaySms(target, { max: 10, dryRun: true });
  expect(dry.counts).toMatchObject({ listed: 1, sent: 0 });

  const report = await replaySms(target, { max: 10, dryRun: false });
  expect(report.counts).toMatchObject({ sent: 1, failed: 0 });
  expect(report.letters[0].to).not.toContain('700000123');
  expect(outboxOf(dir)).toEqual([expect.objectContaining({ to: '+254700000123', message, orderId: 'order-1', state: 'CREATED' })]);
  expect(await queue.receive(10)).toEqual([]);
  expect((await replaySms(target, { max: 10, dryRun: false })).letters).toEqual([]);
});

it('replays a dead-letter file written before the generic queue (lines {id, kind, letter}), keeping its deletes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const [deleted, waiting] = [`old-deleted-${ulid()}`, `old-waiting-${ulid()}`];
  const lines = [
    { id: '01OLDDELETED', kind: 'sms-dead-letter', letter: aLetter(deleted) },
    { id: '01OLDWAITING', kind: 'sms-dead-letter', letter: aLetter(waiting) },
    { deleted: '01OLDDELETED' },
  ];
  writeFileSync(join(dir, 'sms-dlq.jsonl'), lines.map((line) => `${JSON.stringify(line)}\n`).join(''));

  const report = await replaySms(localTarget(dir), { max: 10, dryRun: false });
  expect(report.letters).toEqual([expect.objectContaining({ orderId: waiting, outcome: 'sent' })]);
  expect(outboxOf(dir)).toEqual([expect.objectContaining({ orderId: waiting })]);
  expect(await new FileDeadLetterQueue(join(dir, 'sms-dlq.jsonl')).receive(10)).toEqual([]);
});

it('lists and replays every letter of a file holding more than a batch of 10', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const queue = new FileDeadLetterQueue(join(dir, 'sms-dlq.jsonl'));
  const orderIds = Array.from({ length: 25 }, (_, index) => `many-${index}-${ulid()}`);
  for (const orderId of orderIds) await queue.put(aLetter(orderId));

  // A dry run deletes nothing: every letter stays in flight while the replay goes on.
  expect((await replaySms(localTarget(dir), { max: 100, dryRun: true })).counts).toMatchObject({ listed: 25 });
  expect((await replaySms(localTarget(dir), { max: 100, dryRun: false })).counts).toMatchObject({ sent: 25, failed: 0 });
  expect(outboxOf(dir).map(({ orderId }) => orderId)).toEqual(orderIds);
});
