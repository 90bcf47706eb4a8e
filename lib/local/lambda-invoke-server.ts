import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HandlerLoader } from './function-modules';
import { closeServer, listen } from './http-server';
import { functionNameFor, lambdaContext } from './lambda-context';

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export interface LambdaInvokeServer {
  endpoint: string;
  stop: () => Promise<void>;
}

export interface LambdaInvokeOptions {
  port: number;
  region: string;
  /** Function name → module under functions/. */
  functions: Record<string, string>;
  loadHandler: HandlerLoader;
  log: (message: string, error?: unknown) => void;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body ?? null));
}

/** `post-confirmation`, or the same name inside a function ARN (with a qualifier or not). */
function functionNameOf(encoded: string): string {
  const name = decodeURIComponent(encoded);
  const arn = /:function:([^:]+)/.exec(name);
  return arn ? arn[1]! : name;
}

/**
 * The part of the Lambda Invoke API cognito-local's triggers use (aws-sdk v2
 * `lambda.invoke({ InvocationType: 'RequestResponse' })`), answered by in-process handlers.
 * A handler error is reported the way Lambda does: 200 with X-Amz-Function-Error: Unhandled.
 */
export async function startLambdaInvokeServer(options: LambdaInvokeOptions): Promise<LambdaInvokeServer> {
  const invoke = async (request: IncomingMessage, response: ServerResponse) => {
    const match = request.method === 'POST' ? INVOKE_PATH.exec((request.url ?? '').split('?')[0]!) : null;
    if (!match) return send(response, 404, { message: 'Only the Invoke API is served here' }, { 'x-amzn-errortype': 'UnknownOperationException' });
    const name = functionNameOf(match[1]!);
    const modulePath = options.functions[name];
    if (!modulePath) {
      return send(response, 404, { Type: 'User', Message: `Function not found: ${name}` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
    }
    const raw = await readBody(request);
    const context = lambdaContext({ functionName: functionNameFor(modulePath), region: options.region, timeoutMs: 5000 });
    try {
      const event = raw ? JSON.parse(raw) : {};
      const handler = await options.loadHandler(modulePath);
      const result = await handler(event, context);
      send(response, 200, result, { 'x-amz-executed-version': '$LATEST' });
    } catch (error) {
      options.log(`Function ${name} (functions/${modulePath}.ts) failed`, error);
      const { name: errorType = 'Error', message: errorMessage = String(error) } = error as Error;
      send(response, 200, { errorType, errorMessage, trace: [] }, { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' });
    }
  };

  const server: Server = createServer((request, response) => {
    invoke(request, response).catch((error) => {
      options.log('Lambda invoke server failed', error);
      if (!response.headersSent) send(response, 500, { message: 'Internal error' });
      else response.end();
    });
  });
  const port = await listen(server, options.port, '127.0.0.1');
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => closeServer(server),
  };
}
