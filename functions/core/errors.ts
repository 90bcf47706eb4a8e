/** A failure the caller can act on; rendered as application/problem+json with a stable `code`. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extras: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export class ValidationFailed extends ProblemError {
  constructor(
    detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(400, 'validation_failed', 'Validation failed', detail, errors.length ? { errors } : {});
  }
}

export const forbidden = (detail = 'Your role may not do this.') =>
  new ProblemError(403, 'forbidden', 'Forbidden', detail);

export const notFound = (what = 'resource') =>
  new ProblemError(404, 'not_found', 'Not found', `The ${what} does not exist.`);

export const preconditionFailed = () =>
  new ProblemError(412, 'precondition_failed', 'Precondition failed', 'If-Match does not match the current version.');

export const unauthorized = (detail = 'A valid access token is required.') =>
  new ProblemError(401, 'unauthorized', 'Unauthorized', detail);

export const invalidCredentials = () =>
  new ProblemError(401, 'invalid_credentials', 'Invalid credentials', 'The email, password or refresh token is not valid.');

export const emailTaken = () =>
  new ProblemError(409, 'email_taken', 'Email taken', 'An account with this email already exists.');

export const payloadTooLarge = (limit: number) =>
  new ProblemError(413, 'payload_too_large', 'Payload too large', `Request bodies are limited to ${limit} bytes.`);

export const idempotencyKeyReused = () =>
  new ProblemError(
    422,
    'idempotency_key_reused',
    'Idempotency key reused',
    'This Idempotency-Key was already used with a different request body.',
  );

export const idempotencyInProgress = () =>
  new ProblemError(
    409,
    'idempotency_in_progress',
    'Request in progress',
    'A request with this Idempotency-Key is still being processed; retry shortly.',
  );

export const serviceUnavailable = () =>
  new ProblemError(503, 'service_unavailable', 'Service unavailable', 'A backing service is unavailable; retry shortly.');

export const unknownReference = (code: 'unknown_customer' | 'unknown_item', what: string) =>
  new ProblemError(422, code, code === 'unknown_customer' ? 'Unknown customer' : 'Unknown item', `The ${what} named in the body does not exist.`);

export const contention = () =>
  new ProblemError(503, 'service_unavailable', 'Service unavailable', 'The resource is changing too quickly; retry shortly.');

export const insufficientStock = (itemId: string, requested: number, available: number) =>
  new ProblemError(409, 'insufficient_stock', 'Insufficient stock', `Item ${itemId} has ${available} on hand; ${requested} were requested.`, {
    itemId,
    requested,
    available,
  });

export const duplicateItem = () =>
  new ProblemError(409, 'duplicate_item', 'Duplicate item', 'The item is already on the order; update its quantity instead.');

export const outOfStock = () => new ProblemError(409, 'out_of_stock', 'Out of stock', 'The item is out of stock.');

export const tooManyItems = (max: number) =>
  new ProblemError(422, 'too_many_items', 'Too many items', `An order holds at most ${max} distinct items.`);

// Account lifecycle (issue 17).
export const invalidResetCode = () =>
  new ProblemError(400, 'invalid_reset_code', 'Invalid reset code', 'The code is wrong or has expired; request a new one.');

export const wrongCurrentPassword = () =>
  new ProblemError(400, 'wrong_current_password', 'Wrong current password', 'The current password is not correct.');
