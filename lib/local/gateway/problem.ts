/** The gateway's own answers, in the service's problem+json shape (functions/platform/problem.ts). */
export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Set-Cookie values (payload format 2.0 `cookies`). */
  cookies?: string[];
}

const TITLES: Record<string, string> = {
  unauthorized: 'Unauthorized',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  payload_too_large: 'Payload too large',
  internal_error: 'Internal error',
  service_unavailable: 'Service unavailable',
};

export function problem(statusCode: number, code: string, detail: string, headers: Record<string, string> = {}): GatewayResponse {
  const body = {
    type: `https://beverage-shop.example/problems/${code.replaceAll('_', '-')}`,
    title: TITLES[code] ?? code,
    status: statusCode,
    detail,
    code,
  };
  return {
    statusCode,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: Buffer.from(JSON.stringify(body)),
  };
}

export function jsonResponse(statusCode: number, value: unknown): GatewayResponse {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(value)) };
}
