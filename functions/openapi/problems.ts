import {
  duplicateItem,
  emailTaken,
  forbidden,
  idempotencyInProgress,
  idempotencyKeyReused,
  insufficientStock,
  invalidCredentials,
  notFound,
  outOfStock,
  payloadTooLarge,
  preconditionFailed,
  DomainError,
  serviceUnavailable,
  tooManyItems,
  unauthorized,
  unknownReference,
  ValidationFailed,
} from '../core/errors';
import { checkEditable, checkNotEmpty, MAX_LINES, type Order } from '../core/orders';
import { nextState } from '../core/transitions';
import { internalError, problemResponse, type Problem } from '../platform/problem';
import { PROBLEM_TYPES, type ProblemCode } from '../platform/problem-types';

export { PROBLEM_CODES, type ProblemCode } from '../platform/problem-types';

/**
 * MAX_BODY_BYTES of functions/platform/http-handler.ts, repeated so that the docs functions do not
 * bundle the request pipeline (DynamoDB, idempotency); test/openapi checks that the two agree.
 */
export const DOCUMENTED_BODY_LIMIT = 64 * 1024;

/** The error a domain function throws, caught: examples come from the code that answers, not from a copy. */
function thrownBy(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a problem to be thrown');
}

const anOrder = (fields: Partial<Order>) => fields as Order;

interface ProblemDoc {
  /** When the service answers with this code. */
  when: string;
  /** An instance of the problem, rendered by the service's own problem+json renderer. */
  example: (resource: string) => Problem;
}

const problemDocs: Record<ProblemCode, ProblemDoc> = {
  validation_failed: {
    when: 'Malformed JSON, wrong types, out-of-range values, unknown fields, a bad or foreign cursor, a bad query filter or header. `errors` lists each failure.',
    example: () =>
      new ValidationFailed('The request body is not valid.', [
        { path: 'body.quantity', message: 'Too big: expected number to be <=1000' },
        { path: 'body.colour', message: 'Unrecognized key: "colour"' },
      ]),
  },
  unauthorized: {
    when: 'Missing, expired, tampered or foreign token, or an id token where an access token is due. In AWS the gateway itself answers `{"message":"Unauthorized"}` on protected routes.',
    example: () => unauthorized(),
  },
  invalid_credentials: { when: 'Wrong email or password, or an invalid refresh token.', example: () => invalidCredentials() },
  forbidden: { when: 'Authenticated, but the role may not do this.', example: () => forbidden() },
  not_found: {
    when: 'Missing, archived, or belonging to another customer (existence is never revealed).',
    example: (resource) => notFound(resource),
  },
  invalid_transition: {
    when: "The order's state does not allow the action; `currentState` names it.",
    example: () => thrownBy(() => nextState('approve', 'CREATED')),
  },
  order_not_editable: {
    when: 'Item changes on an order not in CREATED or PENDING; `currentState` names its state.',
    example: () => thrownBy(() => checkEditable(anOrder({ state: 'APPROVED' }))),
  },
  duplicate_item: {
    when: 'The inventory item is already on the order.',
    example: () => duplicateItem(),
  },
  out_of_stock: {
    when: "Adding an item whose `onHand` is 0.",
    example: () => outOfStock(),
  },
  insufficient_stock: {
    when: 'Approval or a stock adjustment would drive `onHand` below 0; `itemId`, `requested` and `available` say which item and by how much. Nothing changed.',
    example: () => insufficientStock('01JD2ZK7Q9X3M5B8C4N6P0R2ST', 3, 1),
  },
  email_taken: { when: 'Registration with an email already registered.', example: () => emailTaken() },
  idempotency_in_progress: {
    when: 'A request with the same Idempotency-Key is still being processed; retry shortly.',
    example: () => idempotencyInProgress(),
  },
  precondition_failed: { when: '`If-Match` does not match the current version.', example: () => preconditionFailed() },
  payload_too_large: {
    when: `The request body exceeds ${DOCUMENTED_BODY_LIMIT / 1024} KiB.`,
    example: () => payloadTooLarge(DOCUMENTED_BODY_LIMIT),
  },
  order_empty: {
    when: 'Submitting or approving an order with no items.',
    example: () => thrownBy(() => checkNotEmpty(anOrder({ lines: [] }))),
  },
  unknown_customer: {
    when: 'The body names a customer that does not exist.',
    example: () => unknownReference('unknown_customer', 'customer'),
  },
  unknown_item: {
    when: 'The body names an inventory item that does not exist or is archived.',
    example: () => unknownReference('unknown_item', 'inventory item'),
  },
  idempotency_key_reused: {
    when: 'The same Idempotency-Key was used by the same caller within 24 h with a different body.',
    example: () => idempotencyKeyReused(),
  },
  too_many_items: {
    when: `The order already holds ${MAX_LINES} distinct items.`,
    example: () => tooManyItems(MAX_LINES),
  },
  internal_error: {
    when: 'An unexpected failure; it is logged and the body reveals nothing internal.',
    example: internalError,
  },
  service_unavailable: {
    when: 'A backing service is down or throttling, or the resource is changing too quickly; retry after `Retry-After` seconds.',
    example: () => serviceUnavailable(),
  },
};

/** Each code's documentation, with the status that platform/problem-types.ts answers it with. */
export const problems = Object.fromEntries(
  Object.entries(problemDocs).map(([code, doc]) => [code, { ...doc, status: PROBLEM_TYPES[code as ProblemCode].status }]),
) as Record<ProblemCode, ProblemDoc & { status: number }>;

/** The problem+json body the service sends for `code` (about `resource`, for 404s). */
export function problemExample(code: ProblemCode, resource = 'resource'): Record<string, unknown> {
  const rendered = problemResponse(problems[code].example(resource));
  return JSON.parse(rendered.body as string) as Record<string, unknown>;
}
