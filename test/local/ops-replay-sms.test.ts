import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FileDeadLetterQueue } from '../../functions/notifications/dead-letters';
import { replaySms } from '../../lib/ops/replay-sms';
import type { OpsTarget } from '../../lib/ops/targets';

it('replays the local SMS dead-letter file through the outbox and empties it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const target: OpsTarget = {
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
  const queue = new FileDeadLetterQueue(join(dir, 'sms-dlq.jsonl'));
  const message = 'Dear customer, your order ABC123 has been created.';
  await queue.put({ to: '+254700000123', message, orderId: 'order-1', state: 'CREATED', reason: 'timeout', attempts: 5, deadLetteredAt: new Date().toISOString() });

  const dry = await replaySms(target, { max: 10, dryRun: true });
  expect(dry.counts).toMatchObject({ listed: 1, sent: 0 });

  const report = await replaySms(target, { max: 10, dryRun: false });
  expect(report.counts).toMatchObject({ sent: 1, failed: 0 });
  expect(report.letters[0].to).not.toContain('700000123');
  const outbox = readFileSync(join(dir, 'sms-outbox.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  expect(outbox).toEqual([expect.objectContaining({ to: '+254700000123', message, orderId: 'order-1', state: 'CREATED' })]);
  expect(await queue.receive(10)).toEqual([]);
  expect((await replaySms(target, { max: 10, dryRun: false })).letters).toEqual([]);
});
