/** A percent-decoded path segment or query part; malformed escapes stay as they are, as API Gateway leaves them. */
export function decodeUrlPart(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
