import createClient from 'openapi-fetch';
import type { paths } from './openapi';
import { ApiError, type Problem } from './types';

/** The API, typed from docs/openapi.json: a path, parameter or body the API dropped fails the typecheck. */
export type ApiClient = ReturnType<typeof createClient<paths>>;

export function createApiClient(baseUrl: string, accessToken: () => Promise<string | undefined>): ApiClient {
  const client = createClient<paths>({ baseUrl });
  client.use({
    async onRequest({ request }) {
      const token = await accessToken();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });
  return client;
}

const asProblem = (body: unknown): Problem | undefined =>
  typeof body === 'object' && body !== null && typeof (body as Problem).code === 'string' ? (body as Problem) : undefined;

/** The data of a successful call; anything else as an ApiError (status 0: the service did not answer). */
export async function ok<T, E>(call: Promise<{ data?: T; error?: E; response: Response }>): Promise<T> {
  let result: { data?: T; error?: E; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0);
  }
  if (!result.response.ok) throw new ApiError(result.response.status, asProblem(result.error));
  return result.data as T;
}

/** The If-Match header for a resource read at `version`. */
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/**
 * Every page of a list, up to `max` items: for lists the API cannot yet sort the way a page
 * needs (the queue, oldest first), so the page sorts the whole of it.
 */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>, max = 500): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const result = await page(cursor);
    items.push(...result.items);
    cursor = result.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return items;
}

/** The first `count` pages of a list ("Show more" adds one), and whether there are more. */
export async function firstPages<T>(
  count: number,
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let index = 0; index < count; index++) {
    const result = await page(cursor);
    items.push(...result.items);
    cursor = result.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return { items, more: cursor !== undefined };
}
