export type Role = 'customer' | 'employee';

export interface Caller {
  id: string;
  role: Role;
}

/**
 * `cognito:groups` arrives as an array from Cognito itself and as the string "[customers employees]"
 * from the HTTP API authorizer. Employees win when a user is in both groups.
 */
export function parseGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

export function roleFromGroups(claim: unknown): Role | null {
  const groups = parseGroups(claim);
  if (groups.includes('employees')) return 'employee';
  if (groups.includes('customers')) return 'customer';
  return null;
}
