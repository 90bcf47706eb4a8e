import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type RunningDynamoDb } from '../../lib/local/dynamodb-local';
import { freePort } from '../../lib/local/ports';

let dynamodb: RunningDynamoDb | undefined;

/** One in-memory DynamoDB Local for the whole run; every test file gets tables of its own. */
export async function setup(project: TestProject) {
  dynamodb = await startDynamoDbLocal({ port: await freePort() });
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
}

export async function teardown() {
  await dynamodb?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}
