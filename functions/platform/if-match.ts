/**
 * `If-Match: "3"` (also 3 or W/"3") names the version the client last saw; `*` matches any.
 * Anything unparsable can match no version, so it yields NaN and fails the comparison with 412.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  return match ? Number(match[1]) : Number.NaN;
}
