/**
 * The failures a caller can act on, each named by a stable `code` and carrying the facts that
 * explain it. How a code is answered (its HTTP status, title, problem+json) is platform/problem.ts'.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'invalid_transition',
  'order_not_editable',
  'duplicate_item',
  'out_of_stock',
  'insufficient_stock',
  'email_taken',
  'idempotency_in_progress',
  'precondition_failed',
  'payload_too_large',
  'order_empty',
  'unknown_customer',
  'unknown_item',
  'idempotency_key_reused',
  'too_many_items',
  'service_unavailable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly facts: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export class ValidationFailed extends DomainError {
  constructor(
    detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super('validation_failed', detail, errors.length ? { errors } : {});
  }
}

export const forbidden = (detail = 'Your role may not do this.') => new DomainError('forbidden', detail);

export const notFound = (what = 'resource') => new DomainError('not_found', `The ${what} does not exist.`);

export const preconditionFailed = () => new DomainError('precondition_failed', 'If-Match does not match the current version.');

export const unauthorized = (detail = 'A valid access token is required.') => new DomainError('unauthorized', detail);

export const invalidCredentials = () =>
  new DomainError('invalid_credentials', 'The email, password or refresh token is not valid.');

export const emailTaken = () => new DomainError('email_taken', 'An account with this email already exists.');

export const payloadTooLarge = (limit: number) => new DomainError('payload_too_large', `Request bodies are limited to ${limit} bytes.`);

export const idempotencyKeyReused = () =>
  new DomainError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.');

export const idempotencyInProgress = () =>
  new DomainError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly.');

export const serviceUnavailable = () => new DomainError('service_unavailable', 'A backing service is unavailable; retry shortly.');

export const unknownReference = (code: 'unknown_customer' | 'unknown_item', what: string) =>
  new DomainError(code, `The ${what} named in the body does not exist.`);

export const contention = () => new DomainError('service_unavailable', 'The resource is changing too quickly; retry shortly.');

export const insufficientStock = (itemId: string, requested: number, available: number) =>
  new DomainError('insufficient_stock', `Item ${itemId} has ${available} on hand; ${requested} were requested.`, {
    itemId,
    requested,
    available,
  });

export const duplicateItem = () => new DomainError('duplicate_item', 'The item is already on the order; update its quantity instead.');

export const outOfStock = () => new DomainError('out_of_stock', 'The item is out of stock.');

export const tooManyItems = (max: number) => new DomainError('too_many_items', `An order holds at most ${max} distinct items.`);

export const invalidTransition = (detail: string, facts: Record<string, unknown>) => new DomainError('invalid_transition', detail, facts);

export const orderNotEditable = (state: string) =>
  new DomainError('order_not_editable', `Items cannot change while the order is ${state}.`, { currentState: state });

export const orderEmpty = () => new DomainError('order_empty', 'The order has no items.');
