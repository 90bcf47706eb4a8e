import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ProblemError, serviceUnavailable } from '../core/errors';
import { logger } from './logger';

const unavailableErrorNames = new Set([
  'TimeoutError',
  'RequestTimeout',
  'ServiceUnavailable',
  'InternalServerError',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  // A write that met a running transaction on its item, where no retry of ours absorbed it.
  'TransactionConflictException',
  // Cognito's throttles and quotas (its email quota included).
  'TooManyRequestsException',
  'LimitExceededException',
]);
const unavailableErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/** A backing service that is down or throttling is the caller's cue to retry, not a bug of ours. */
function isUnavailable(error: unknown): boolean {
  const candidate = error as { name?: string; code?: string; cause?: unknown; errors?: unknown[] };
  if (!candidate || typeof candidate !== 'object') return false;
  if (unavailableErrorNames.has(candidate.name ?? '') || unavailableErrorCodes.has(candidate.code ?? '')) return true;
  if (Array.isArray(candidate.errors) && candidate.errors.some(isUnavailable)) return true;
  return candidate.cause !== undefined && candidate.cause !== error && isUnavailable(candidate.cause);
}

function asProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (isUnavailable(error)) {
    logger.warn('Backing service unavailable', { error: error as Error });
    return serviceUnavailable();
  }
  logger.error('Unhandled error', { error: error as Error });
  return new ProblemError(500, 'internal_error', 'Internal error', 'The request failed unexpectedly; it has been logged.');
}

export function problemResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  const problem = asProblem(error);
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (problem.status === 503) headers['retry-after'] = '1';
  return {
    statusCode: problem.status,
    headers,
    body: JSON.stringify({
      type: `https://beverage-shop.example/problems/${problem.code.replaceAll('_', '-')}`,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      code: problem.code,
      ...problem.extras,
    }),
  };
}
