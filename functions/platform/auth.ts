import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { forbidden, unauthorized } from '../core/errors';
import { roleFromGroups, type Caller } from '../core/roles';
import type { AuthMode } from '../routes';
import { bearerToken, verifyAccessToken } from './token-verifier';

type Claims = Record<string, unknown>;

function callerFrom(claims: Claims): Caller | null {
  const role = roleFromGroups(claims['cognito:groups']);
  return role && typeof claims.sub === 'string' ? { id: claims.sub, role } : null;
}

async function optionalCaller(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<Caller | null> {
  const header = event.headers?.authorization;
  if (header === undefined) return null;
  const token = bearerToken(header);
  if (!token) throw unauthorized('The Authorization header must be "Bearer <access token>".');
  try {
    return callerFrom(await verifyAccessToken(token));
  } catch {
    throw unauthorized();
  }
}

/**
 * Protected routes were already verified by the HTTP API's Cognito authorizer (or the local
 * gateway acting as one); it accepts id tokens as well, so token_use is checked here.
 */
export async function resolveCaller(event: APIGatewayProxyEventV2WithJWTAuthorizer, mode: AuthMode): Promise<Caller | null> {
  if (mode === 'public') return null;
  if (mode === 'optional') return optionalCaller(event);
  const claims = event.requestContext?.authorizer?.jwt?.claims as Claims | undefined;
  if (!claims || claims.token_use !== 'access') throw unauthorized();
  const caller = callerFrom(claims);
  if (!caller || (mode !== 'any' && caller.role !== mode)) throw forbidden();
  return caller;
}
