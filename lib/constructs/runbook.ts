/** Sections of docs/runbook.md (GitHub heading anchors); test/infra/alarms.test.ts checks each exists. */
export type RunbookSection =
  | 'api-5xx-rate'
  | 'api-latency-p99'
  | 'function-errors'
  | 'function-throttles'
  | 'cognito-trigger-errors'
  | 'dynamodb-throttles'
  | 'stream-iterator-age'
  | 'stream-dead-letters'
  | 'sms-failures'
  | 'sms-dead-letters'
  | 'sms-uncertain'
  | 'staff-alerts';

export const RUNBOOK_PATH = 'docs/runbook.md';

/** The text every alarm description ends with. */
export const runbookLink = (section: RunbookSection) => `Runbook: ${RUNBOOK_PATH}#${section}`;

/**
 * The sections of the alarms written before the runbook existed (lib/constructs/api.ts and
 * notifications.ts), by construct id: Monitoring.watch links them without touching those files.
 */
export function runbookSectionOf(alarmId: string): RunbookSection | undefined {
  if (alarmId === 'ServerErrorRateAlarm') return 'api-5xx-rate';
  if (alarmId.endsWith('IteratorAgeAlarm')) return 'stream-iterator-age';
  if (alarmId === 'DeadLetterAlarm') return 'stream-dead-letters';
  if (alarmId === 'SmsFailedAlarm') return 'sms-failures';
  if (alarmId === 'SmsUncertainAlarm') return 'sms-uncertain';
  return undefined;
}
