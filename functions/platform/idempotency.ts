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
import { keyedDigest } from './cursor';

const MAX_KEY_LENGTH = 255;

/** Set by describeRequest (never taken from the client): who the key belongs to, and what a retry must repeat. */
const SCOPE_HEADER = 'x-idempotency-scope';
const PAYLOAD_HEADER = 'x-idempotency-payload';

/**
 * Requests without an Idempotency-Key yield a null key, which Powertools passes through untouched.
 * With one, the key is scoped to the caller and the payload a retry must repeat is the body with
 * its secrets replaced by keyed fingerprints (describeRequest).
 */
const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: `headers."idempotency-key" && join('#', [headers."idempotency-key", headers."${SCOPE_HEADER}"])`,
  payloadValidationJmesPath: `headers."${PAYLOAD_HEADER}"`,
  expiresAfterSeconds: 24 * 60 * 60,
});

type Event = { headers?: Record<string, string | undefined>; body?: string | null; isBase64Encoded?: boolean };
type Claims = { requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } };

function parsedBody(event: Event): unknown {
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? '');
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * The scope: the token's subject, or for an anonymous registration the email it registers (two
 * people using the key "1" are two scopes). The payload: the body with the password replaced by
 * its HMAC, so the idempotency table holds no hash anyone could test passwords against, and a
 * retry with another password is still another request (422).
 */
async function describeRequest(request: middy.Request): Promise<void> {
  const event = request.event as Event & Claims;
  const headers = (event.headers ??= {});
  delete headers[SCOPE_HEADER];
  delete headers[PAYLOAD_HEADER];
  if (headers['idempotency-key'] === undefined) return;
  const body = parsedBody(event);
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const subject = event.requestContext?.authorizer?.jwt?.claims?.sub;
  headers[SCOPE_HEADER] = typeof subject === 'string' ? `sub:${subject}` : `email:${String(fields?.email ?? '').trim().toLowerCase()}`;
  const payload = typeof fields?.password === 'string' ? { ...fields, password: await keyedDigest('idempotency-password', fields.password) } : body;
  headers[PAYLOAD_HEADER] = JSON.stringify(payload);
}

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
 * Upstream: aws-powertools/powertools-lambda-typescript#5675, fixed by #5676 (pending release after
 * 2.35.0); once a release has it, this wrapper can go.
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
    {
      before: async (request) => {
        checkKeyLength(request);
        await describeRequest(request);
      },
      onError: (request) => void (request.error = toProblem(request.error) as Error),
    },
    keepRecordsOfOthers(makeHandlerIdempotent({ persistenceStore, config: idempotencyConfig }) as middy.MiddlewareObj),
  ];
}
