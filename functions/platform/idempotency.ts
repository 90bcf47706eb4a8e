import type middy from '@middy/core';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { idempotencyInProgress, idempotencyKeyReused, serviceUnavailable, ValidationFailed } from '../core/errors';
import { dynamodb } from '../data/client';
import { config } from './config';

const MAX_KEY_LENGTH = 255;

/**
 * Requests without an Idempotency-Key yield a null key, which Powertools passes through untouched.
 * With one, the key is scoped to the caller (anonymous callers share one scope) and the raw body
 * is the payload a retry must repeat.
 */
const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath:
    "headers.\"idempotency-key\" && join('#', [headers.\"idempotency-key\", requestContext.authorizer.jwt.claims.sub || 'anonymous'])",
  payloadValidationJmesPath: "body || ''",
  expiresAfterSeconds: 24 * 60 * 60,
});

function checkKeyLength(request: middy.Request): void {
  const key = (request.event as { headers?: Record<string, string | undefined> }).headers?.['idempotency-key'];
  if (key !== undefined && (key.length < 1 || key.length > MAX_KEY_LENGTH)) {
    throw new ValidationFailed('The Idempotency-Key header must be 1 to 255 characters.', [
      { path: 'headers.idempotency-key', message: `Must be 1 to ${MAX_KEY_LENGTH} characters` },
    ]);
  }
}

function toProblem(error: unknown): unknown {
  if (error instanceof IdempotencyValidationError) return idempotencyKeyReused();
  if (error instanceof IdempotencyAlreadyInProgressError) return idempotencyInProgress();
  if (error instanceof IdempotencyPersistenceLayerError) return serviceUnavailable();
  return error;
}

/**
 * Powertools deletes the key's record whenever the request fails, which is right when the handler
 * failed, but a request refused by the idempotency check itself (a reused key, a retry while the
 * first is in progress) would delete the record of the request that succeeded. Those never do.
 */
function keepRecordsOfOthers(powertools: middy.MiddlewareObj): middy.MiddlewareObj {
  const refused = new WeakSet<middy.Request>();
  return {
    before: async (request) => {
      try {
        return await powertools.before!(request);
      } catch (error) {
        refused.add(request);
        throw error;
      }
    },
    after: powertools.after,
    onError: async (request) => {
      if (!refused.has(request)) await powertools.onError!(request);
    },
  };
}

export function idempotency(): middy.MiddlewareObj[] {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: config.idempotencyTableName,
    awsSdkV3Client: dynamodb,
  });
  return [
    { before: checkKeyLength, onError: (request) => void (request.error = toProblem(request.error) as Error) },
    keepRecordsOfOthers(makeHandlerIdempotent({ persistenceStore, config: idempotencyConfig }) as middy.MiddlewareObj),
  ];
}
