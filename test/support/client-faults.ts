import type { MiddlewareStack } from '@smithy/types';

type Input = Record<string, unknown>;

interface Fault {
  command: string;
  when: (input: Input) => boolean;
  remaining: number;
  error: () => Error;
}

export interface Faults {
  /** Fails the next `times` requests of `command` (e.g. 'UpdateItemCommand') for which `when` holds, before they are sent. */
  failNext: (command: string, error: () => Error, options?: { times?: number; when?: (input: Input) => boolean }) => void;
  /** How many injected faults are still waiting for their request. */
  pending: () => number;
  /** Every command the client sent (or was stopped from sending), in order. */
  sent: { command: string; input: Input }[];
  /** Forgets the faults and the commands sent (call it after each test). */
  clear: () => void;
}

/**
 * A middleware on an AWS SDK client of the functions (in this test process only): it fails chosen
 * requests with the error the service would answer, at the exact step they are made (once per
 * send: the SDK's own retries of that send happen further in).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function faultsOn(client: { middlewareStack: MiddlewareStack<any, any> }): Faults {
  const faults: Fault[] = [];
  const sent: Faults['sent'] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = (context as { commandName?: string }).commandName ?? '';
      const input = (args as { input: Input }).input;
      sent.push({ command, input });
      const fault = faults.find((candidate) => candidate.command === command && candidate.remaining > 0 && candidate.when(input));
      if (!fault) return next(args);
      fault.remaining--;
      throw fault.error();
    },
    { step: 'build', name: 'testFaults', priority: 'high' },
  );
  return {
    failNext: (command, error, options = {}) =>
      faults.push({ command, error, remaining: options.times ?? 1, when: options.when ?? (() => true) }),
    pending: () => faults.reduce((sum, fault) => sum + fault.remaining, 0),
    sent,
    clear: () => {
      faults.length = 0;
      sent.length = 0;
    },
  };
}
