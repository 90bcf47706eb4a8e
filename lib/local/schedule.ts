import type { HandlerLoader } from './function-modules';
import { lambdaContext } from './lambda-context';

export interface ScheduledFunction {
  /** Module under functions/ exporting `handler`. */
  handler: string;
  everyMs: number;
  timeoutMs: number;
}

/** The functions EventBridge runs on a schedule in AWS (lib/constructs/notifications.ts). */
export const scheduledFunctions: readonly ScheduledFunction[] = [{ handler: 'notifications/sweep-handler', everyMs: 60_000, timeoutMs: 120_000 }];

/**
 * Runs each scheduled function every `everyMs`, like an EventBridge rate rule: a run that is still
 * going when the next is due is not doubled up, and a failed run is logged and made up by the next.
 */
export function startSchedule(options: { functions?: readonly ScheduledFunction[]; loadHandler: HandlerLoader; region: string; log: (message: string, error?: unknown) => void }) {
  const timers = (options.functions ?? scheduledFunctions).map((scheduled) => {
    let running: Promise<void> | undefined;
    const run = () => {
      running ??= options
        .loadHandler(scheduled.handler)
        .then((handler) => handler({ source: 'local.schedule' }, lambdaContext({ functionName: scheduled.handler.replaceAll('/', '-'), region: options.region, timeoutMs: scheduled.timeoutMs })))
        .then(
          () => undefined,
          (error: unknown) => options.log(`Scheduled function ${scheduled.handler} failed`, error),
        )
        .finally(() => (running = undefined));
    };
    return { timer: setInterval(run, scheduled.everyMs), running: () => running };
  });
  return {
    stop: async () => {
      for (const { timer } of timers) clearInterval(timer);
      await Promise.all(timers.map(({ running }) => running()));
    },
  };
}
