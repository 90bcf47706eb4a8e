import { ulid } from 'ulid';
import { dynamodb } from '../../functions/data/client';

/** Counts the DynamoDB requests (every command through the shared client) made while `work` runs. */
export async function countingDynamoDbRequests(work: () => Promise<unknown>): Promise<{ count: number; commands: string[] }> {
  const commands: string[] = [];
  const name = `count-requests-${ulid()}`;
  dynamodb.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await work();
  } finally {
    dynamodb.middlewareStack.remove(name);
  }
  return { count: commands.length, commands };
}
