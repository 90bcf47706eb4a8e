import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, serviceUnavailable } from '../core/errors';
import { logger } from './logger';
import { PROBLEM_TYPES, type ProblemCode } from './problem-types';

/** What a problem+json body says: a domain error, or the service's own internal error. */
export interface Problem {
  code: ProblemCode;
  detail: string;
  facts: Record<string, unknown>;
}

export const internalError = (): Problem => ({
  code: 'internal_error',
  detail: 'The request failed unexpectedly; it has been logged.',
  facts: {},
});

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

function asProblem(error: unknown): Problem {
  if (error instanceof DomainError) return error;
  if (isUnavailable(error)) {
    logger.warn('Backing service unavailable', { error: error as Error });
    return serviceUnavailable();
  }
  logger.error('Unhandled error', { error: error as Error });
  return internalError();
}

export function problemResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  const problem = asProblem(error);
  const { status, title } = PROBLEM_TYPES[problem.code];
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (status === 503) headers['retry-after'] = '1';
  return {
    statusCode: status,
    headers,
    body: JSON.stringify({
      type: `https://beverage-shop.example/problems/${problem.code.replaceAll('_', '-')}`,
      title,
      status,
      detail: problem.detail,
      code: problem.code,
      ...problem.facts,
    }),
  };
}
