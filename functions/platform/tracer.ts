import type middy from '@middy/core';
import middyCore from '@middy/core';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';

/**
 * X-Ray through Powertools Tracer. It is on only inside Lambda with active tracing; on the local
 * stack and in tests (no AWS_EXECUTION_ENV, or POWERTOOLS_TRACE_ENABLED=false) every call here is
 * a no-op. Outgoing HTTP is not patched globally: the AWS SDK clients are captured one by one
 * (traceClient) and the SMS provider call gets its own subsegment (inSubsegment), so no URL or
 * body of another call lands in a trace.
 */
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'orders', captureHTTPsRequests: false });

/** The only annotations a trace carries: never a phone number, a token or a name. */
export interface TraceAnnotations {
  route?: string;
  orderId?: string;
}

function annotate(annotations: TraceAnnotations): void {
  for (const [key, value] of Object.entries(annotations)) if (value) tracer.putAnnotation(key, value);
}

/** An AWS SDK v3 client whose calls appear as subsegments. */
export const traceClient = <T>(client: T): T => tracer.captureAWSv3Client(client);

interface RequestLike {
  routeKey?: string;
  pathParameters?: Record<string, string | undefined> | null;
}

/**
 * Middy middlewares: the handler's subsegment (cold start and service annotations; the response is
 * not recorded, since it can hold a phone number) and, for an HTTP API event, its route and order id.
 */
export function tracing(): middy.MiddlewareObj[] {
  return [
    captureLambdaHandler(tracer, { captureResponse: false }),
    {
      before: (request) => {
        const event = request.event as RequestLike | null;
        annotate({ route: event?.routeKey, orderId: event?.pathParameters?.orderId });
      },
    },
  ];
}

/** A plain handler (stream consumer, Cognito trigger, docs) with the same tracing as the HTTP routes. */
export function traced<E, R>(handler: (event: E, context: Context) => Promise<R>): (event: E, context?: Context) => Promise<R> {
  const wrapped = middyCore(handler);
  for (const middleware of tracing()) wrapped.use(middleware);
  return (event, context) => wrapped(event, context as Context);
}

/** Runs `work` in a subsegment of its own (an outside call, one stream record), annotated. */
export async function inSubsegment<T>(name: string, annotations: TraceAnnotations, work: () => Promise<T>): Promise<T> {
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  if (!parent) return work();
  const subsegment = parent.addNewSubsegment(name);
  tracer.setSegment(subsegment);
  annotate(annotations);
  try {
    return await work();
  } catch (error) {
    // The flag, not the message: a provider's error text can quote the phone number.
    subsegment.addErrorFlag();
    throw error;
  } finally {
    subsegment.close();
    tracer.setSegment(parent);
  }
}
