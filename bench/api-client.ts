import type { Samples } from './stats';

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A tiny HTTP client for the bench: every call is timed under its route template. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly samples?: Samples,
  ) {}

  async call(endpoint: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Reply> {
    const [method] = endpoint.split(' ');
    const started = performance.now();
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.token && { authorization: `Bearer ${options.token}` }),
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    this.samples?.record(endpoint, performance.now() - started, response.status < 400);
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Like call, but a status other than `expected` is a failure of the bench itself. */
  async expect(expected: number, endpoint: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Reply> {
    const reply = await this.call(endpoint, path, options);
    if (reply.status !== expected) throw new Error(`${endpoint} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply;
  }
}
