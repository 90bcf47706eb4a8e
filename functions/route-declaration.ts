import type * as z from 'zod';
import type { ProblemCode } from './platform/problem-types';
import type { ResponseSchemaName } from './openapi/schemas';
import type { QueryPattern, TableEntity } from './data/table-entities';

/*
 * What one route is: everything the CDK stack, the local gateway and the OpenAPI document know
 * about it. Each resource declares its routes in functions/http/<resource>/routes.ts;
 * functions/routes.ts lists them all.
 */

/**
 * public (no token looked at), optional (a token, when sent, is verified and used),
 * customer | employee (that group only), any (either group).
 */
export type AuthMode = 'public' | 'optional' | 'customer' | 'employee' | 'any';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** What a gateway needs to serve a route. `handler` is a module under functions/ exporting `handler`. */
export interface Route {
  method: HttpMethod;
  path: string;
  handler: string;
  auth: AuthMode;
}

/** Cognito calls; the `Admin…` ones need IAM, the others are public Cognito APIs. */
export type CognitoCall =
  | 'InitiateAuth'
  | 'AdminCreateUser'
  | 'AdminSetUserPassword'
  | 'AdminAddUserToGroup'
  | 'AdminGetUser'
  | 'AdminDeleteUser'
  | 'ForgotPassword'
  | 'ConfirmForgotPassword'
  | 'ChangePassword'
  | 'GlobalSignOut';

/**
 * What a route's function touches besides its request: its grants and environment derive from it
 * (lib/constructs/route-access.ts), and the tests check every DynamoDB request it makes against them.
 */
export interface DataAccess {
  /** Entities it reads by key (GetItem, BatchGetItem, in a transaction or not). */
  reads?: readonly TableEntity[];
  /** Access patterns it queries (Query on the table, or on the index the entity's pattern names). */
  queries?: readonly QueryPattern[];
  /** Entities it creates or changes (PutItem, UpdateItem). */
  writes?: readonly TableEntity[];
  /** Entities it deletes (DeleteItem). */
  deletes?: readonly TableEntity[];
  cognito?: readonly CognitoCall[];
  /** The Africa's Talking secret (read for its delivery-report `callbackSecret`). */
  /** The service's signing key besides a list's cursors: register fingerprints the password with it (keyedDigest). */
  signingKey?: true;
  africasTalkingSecret?: true;
  /** HOSTED_LOGIN_URL and HOSTED_LOGIN_CLIENT_ID: the docs pages offer the hosted login. */
  hostedLogin?: true;
}

export interface RequestBodyDoc {
  /** The request schema the handler validates with (functions/http/<resource>/schemas.ts). */
  schema: z.ZodType;
  /** Its component name. */
  name: string;
  /** Default: required when the schema requires a member. */
  required?: boolean;
  contentType?: 'application/json' | 'application/x-www-form-urlencoded';
  example?: unknown;
}

type HeaderDocs = Readonly<Record<string, { description: string; schema: Record<string, unknown> }>>;

export interface SuccessDoc {
  status: 200 | 201 | 204;
  description: string;
  schema?: ResponseSchemaName;
  /** An example of this route's answer, where the schema's own would mislead (an order in another state). */
  example?: unknown;
  /** The response carries `ETag: "<version>"`: always, or only for the role named (the one whose view has a version). */
  etag?: true | 'customers' | 'employees';
  /** Non-JSON content (the docs pages and assets), by media type. */
  content?: Readonly<Record<string, { schema: Record<string, unknown> }>>;
  headers?: HeaderDocs;
}

export interface RouteDeclaration extends Route {
  summary: string;
  description?: string;
  /** The query schema the handler validates with. */
  query?: z.ZodType;
  body?: RequestBodyDoc;
  /** Honours the Idempotency-Key header (and so gets the idempotency table). */
  idempotent?: true;
  /** Honours If-Match (412 when stale). */
  ifMatch?: true;
  success: SuccessDoc;
  /**
   * The problems particular to this route. The OpenAPI builder adds those every route of its kind
   * can answer: 401/403 from its auth mode, 400/413 from its input, 412 from If-Match, the
   * idempotency problems, 500, and 503 when it calls DynamoDB or Cognito.
   */
  problems?: readonly ProblemCode[];
  /** Where a code means something particular on this route, what. */
  problemNotes?: Partial<Record<ProblemCode, string>>;
  /** What a 404 is about, for its example. */
  resource?: string;
  data: DataAccess;
}

/** How a route uses the service table: the widest of what it declares. */
export function tableAccessOf(route: Pick<RouteDeclaration, 'data'>): 'none' | 'read' | 'read-write' {
  const { reads, queries, writes, deletes } = route.data;
  if (writes?.length || deletes?.length) return 'read-write';
  return reads?.length || queries?.length ? 'read' : 'none';
}

/** Calls DynamoDB or Cognito, so it can answer 503. */
export const callsBackend = (route: Pick<RouteDeclaration, 'data'>) => tableAccessOf(route) !== 'none' || Boolean(route.data.cognito?.length);
