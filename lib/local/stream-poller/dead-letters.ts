import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';

export interface DeadLetter {
  consumer: string;
  reason: string;
  attempts: number;
  failedAt: string;
  record: DynamoDBRecord;
}

/** The local stand-in for the consumer's on-failure destination: one JSON line per record. */
export async function appendDeadLetters(file: string, letters: DeadLetter[]): Promise<void> {
  if (letters.length === 0) return;
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, letters.map((letter) => `${JSON.stringify(letter)}\n`).join(''));
}
