import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUNCTIONS_DIR } from './paths';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LambdaHandler = (event: any, context: any) => Promise<unknown>;

export type HandlerLoader = (modulePath: string) => Promise<LambdaHandler>;

export class MissingHandlerError extends Error {
  constructor(readonly modulePath: string) {
    super(`functions/${modulePath}.ts does not exist or does not export a handler function`);
    this.name = 'MissingHandlerError';
  }
}

/**
 * Imports `functions/<modulePath>.ts` once and returns its `handler`, like a warm Lambda container.
 * A failed import is not cached, so a handler added while the stack runs is found on the next call.
 */
export function handlerLoader(functionsDir = FUNCTIONS_DIR): HandlerLoader {
  const cache = new Map<string, Promise<LambdaHandler>>();
  const load = async (modulePath: string): Promise<LambdaHandler> => {
    const file = join(functionsDir, `${modulePath}.ts`);
    if (!existsSync(file)) throw new MissingHandlerError(modulePath);
    const module = (await import(pathToFileURL(file).href)) as { handler?: unknown };
    if (typeof module.handler !== 'function') throw new MissingHandlerError(modulePath);
    return module.handler as LambdaHandler;
  };
  return (modulePath) => {
    let loading = cache.get(modulePath);
    if (!loading) {
      loading = load(modulePath);
      cache.set(modulePath, loading);
      loading.catch(() => cache.delete(modulePath));
    }
    return loading;
  };
}
