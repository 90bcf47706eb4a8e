import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { MAX_BODY_BYTES } from '../../platform/http-handler';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

const FORM = /^application\/x-www-form-urlencoded\b/i;

function header(event: Event, name: string): string | undefined {
  const found = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

/**
 * httpHandler parses JSON bodies only; a provider callback posts a form. This adapter turns a
 * form body into the equivalent JSON object before httpHandler sees the event, so the route keeps
 * the platform's logging, limits, validation (400) and problem+json errors. A body over the limit
 * is passed on untouched, for httpHandler to answer 413.
 */
export function withFormBody<R>(handler: (event: Event, context: Context) => Promise<R>) {
  return (event: Event, context: Context): Promise<R> => {
    if (!FORM.test(header(event, 'content-type') ?? '') || event.body === undefined || event.body === null) return handler(event, context);
    const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return handler(event, context);
    const fields = Object.fromEntries(new URLSearchParams(raw));
    const headers = Object.fromEntries(Object.entries(event.headers ?? {}).filter(([key]) => key.toLowerCase() !== 'content-type'));
    return handler({ ...event, body: JSON.stringify(fields), isBase64Encoded: false, headers: { ...headers, 'content-type': 'application/json' } }, context);
  };
}
