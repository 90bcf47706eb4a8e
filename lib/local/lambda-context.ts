import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

const ACCOUNT = '000000000000';

export const functionArnFor = (region: string, functionName: string) => `arn:aws:lambda:${region}:${ACCOUNT}:function:${functionName}`;

/** A Lambda context object as the runtime passes it; Powertools reads the deadline and the names. */
export function lambdaContext(options: { functionName: string; region: string; timeoutMs: number; memoryMb?: number }): Context {
  const deadline = Date.now() + options.timeoutMs;
  const requestId = randomUUID();
  const today = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const unsupported = () => {
    throw new Error('Callback-style completion is not supported: return a promise from the handler');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArnFor(options.region, options.functionName),
    memoryLimitInMB: String(options.memoryMb ?? 1024),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `${today}/[$LATEST]${requestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** `http/orders/create` → `orders-http-orders-create`: a readable, Lambda-valid function name. */
export const functionNameFor = (modulePath: string) => `orders-${modulePath.replace(/[^A-Za-z0-9]+/g, '-')}`;
