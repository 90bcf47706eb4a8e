import { MAX_ID_LENGTH } from '../core/ids';
import { notFound } from '../core/errors';

/**
 * Every path parameter of the API is an id. One that is empty or longer than any id names
 * nothing: 404, as for any other id that does not exist (and before DynamoDB sees a key it
 * would refuse with a 500).
 */
export function pathParameters(given: Record<string, string | undefined> | undefined): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(given ?? {})) {
    if (!value || value.length > MAX_ID_LENGTH) throw notFound(name.replace(/Id$/, ''));
    parameters[name] = value;
  }
  return parameters;
}
