import { decodeCursor, encodeCursor } from './cursor';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface BucketPage<T> {
  data: T[];
  cursor: string | null;
}

/** Lists that grow forever are partitioned by year; the first year any record can have. */
export const FIRST_YEAR = 2026;

export const currentYear = () => new Date().getUTCFullYear();

interface Position {
  bucket: number;
  after: string | null;
}

export type SortOrder = 'newest' | 'oldest';

/**
 * Pages over year partitions, newest first (from this year back to FIRST_YEAR) or oldest first
 * (the other way; `queryYear` reads each year in the same direction): one Query per page, except
 * where a page crosses into the next year. `binding` names the caller, the filters and the order
 * the cursor is valid for.
 */
export async function pageThroughYears<T>(options: {
  binding: string;
  cursor?: string;
  limit: number;
  sort?: SortOrder;
  queryYear: (year: number, after: string | null, limit: number) => Promise<BucketPage<T>>;
}): Promise<Page<T>> {
  const { binding, limit, queryYear } = options;
  const oldestFirst = options.sort === 'oldest';
  const [firstBucket, lastBucket, step] = oldestFirst ? [FIRST_YEAR, currentYear(), 1] : [currentYear(), FIRST_YEAR, -1];
  let position: Position = options.cursor ? await decodeCursor<Position>(options.cursor, binding) : { bucket: firstBucket, after: null };
  const items: T[] = [];
  for (;;) {
    const page = await queryYear(position.bucket, position.after, limit - items.length);
    items.push(...page.data);
    if (page.cursor) return { items, nextCursor: await encodeCursor({ bucket: position.bucket, after: page.cursor }, binding) };
    if (oldestFirst ? position.bucket >= lastBucket : position.bucket <= lastBucket) return { items, nextCursor: null };
    position = { bucket: position.bucket + step, after: null };
    if (items.length >= limit) return { items, nextCursor: await encodeCursor(position, binding) };
  }
}

/** Pages over one partition: exactly one Query per page. */
export async function pageThrough<T>(options: {
  binding: string;
  cursor?: string;
  limit: number;
  query: (after: string | null, limit: number) => Promise<BucketPage<T>>;
}): Promise<Page<T>> {
  const after = options.cursor ? await decodeCursor<string>(options.cursor, options.binding) : null;
  const page = await options.query(after, options.limit);
  return { items: page.data, nextCursor: page.cursor ? await encodeCursor(page.cursor, options.binding) : null };
}
