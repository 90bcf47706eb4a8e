import { readFile } from 'node:fs/promises';
import { jsonResponse, problem } from './problem';
import type { LocalEndpoint } from './server';

async function readJsonLines(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return { unparsable: line };
      }
    });
}

/** `GET <path>` answers `{items: [...]}`, one item per JSON line of `file` (none when it is absent). Local only. */
export function jsonLinesEndpoint(path: string, file: string): LocalEndpoint {
  return async (method, requestPath) => {
    if (requestPath !== path) return undefined;
    if (method !== 'GET') return problem(405, 'method_not_allowed', `${method} is not allowed on ${path}.`, { allow: 'GET' });
    return jsonResponse(200, { items: await readJsonLines(file) });
  };
}
