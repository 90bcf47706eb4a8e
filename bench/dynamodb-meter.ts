import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

export interface Reading {
  calls: string[];
  readUnits: number;
  writeUnits: number;
}

const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);

/**
 * Counts the DynamoDB requests made through the service's client and the capacity units they
 * consume (ReturnConsumedCapacity is switched on for every request while it runs).
 */
export class DynamoDbMeter {
  private reading: Reading = { calls: [], readUnits: 0, writeUnits: 0 };

  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ReturnConsumedCapacity?: string };
        input.ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        const command = context.commandName ?? 'unknown';
        this.reading.calls.push(command);
        const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
        for (const capacity of [consumed ?? []].flat()) {
          const units = capacity.CapacityUnits ?? (capacity.ReadCapacityUnits ?? 0) + (capacity.WriteCapacityUnits ?? 0);
          if (READS.has(command)) this.reading.readUnits += units;
          else this.reading.writeUnits += units;
        }
        return result;
      },
      { step: 'initialize', name: 'benchDynamoDbMeter' },
    );
  }

  /** What was measured since the last take. */
  take(): Reading {
    const reading = this.reading;
    this.reading = { calls: [], readUnits: 0, writeUnits: 0 };
    return reading;
  }
}
