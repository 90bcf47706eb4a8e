import { inSubsegment } from '../platform/tracer';
import { SmsRejected, SmsTemporaryFailure, type SmsMessage, type SmsReceipt, type SmsSender } from './ports';

export interface AfricasTalkingCredentials {
  /** "sandbox" selects the sandbox (the SDK decides by the username). */
  username: string;
  apiKey: string;
  senderId?: string;
}

/** The SDK's `SMS.send`, as this sender calls it: injectable, so tests need no network. */
export type SendSms = (params: { to: string[]; message: string; from?: string }) => Promise<unknown>;

export interface AfricasTalkingClient {
  send: SendSms;
  senderId?: string;
}

/** The real client: the `africastalking` SDK, loaded on first use (the local outbox never needs it). */
export async function africasTalkingClient(credentials: AfricasTalkingCredentials): Promise<AfricasTalkingClient> {
  const { default: AfricasTalking } = await import('africastalking');
  const sdk = AfricasTalking({ username: credentials.username, apiKey: credentials.apiKey });
  return { send: (params) => sdk.SMS.send(params), senderId: credentials.senderId };
}

/** Recipient statusCodes of an accepted message: 100 Processed, 101 Sent, 102 Queued. */
const ACCEPTED = new Set([100, 101, 102]);

/**
 * Refusals that no retry can fix: the number itself is the problem (403 InvalidPhoneNumber,
 * 404 UnsupportedNumberType) or its owner does not want our messages (406 UserInBlacklist,
 * 409 DoNotDisturbRejection). Everything else is retried and, if it keeps failing, dead-lettered
 * for replay: 401 RiskHold, 402 InvalidSenderId, 405 InsufficientBalance (our account or
 * configuration: fix it, then replay), 407 CouldNotRoute, 500 InternalServerError,
 * 501 GatewayError, 502 RejectedByGateway (provider or network trouble) and any code not listed.
 */
const PERMANENT_CODES = new Set([403, 404, 406, 409]);
const PERMANENT_STATUSES = new Set(['InvalidPhoneNumber', 'UnsupportedNumberType', 'UserInBlacklist', 'DoNotDisturbRejection']);

interface Recipient {
  statusCode?: number | string;
  status?: string;
  number?: string;
  messageId?: string;
  cost?: string;
}

/** Checks every recipient: the SDK resolves whenever the HTTP call succeeds, even when the recipient was refused. */
export function receiptFrom(response: unknown): SmsReceipt {
  const data = (response as { SMSMessageData?: { Message?: string; Recipients?: Recipient[] } } | null)?.SMSMessageData;
  const recipients = data?.Recipients;
  if (!Array.isArray(recipients) || recipients.length === 0) {
    // E.g. {"Message": "InvalidSenderId", "Recipients": []}: a problem of our account or settings.
    throw new SmsTemporaryFailure(`Africa's Talking accepted no recipient: ${data?.Message ?? 'no SMSMessageData in the response'}`, data?.Message);
  }
  for (const recipient of recipients) {
    const code = Number(recipient.statusCode);
    const status = recipient.status ?? 'Unknown';
    if (ACCEPTED.has(code)) continue;
    if (PERMANENT_CODES.has(code) || PERMANENT_STATUSES.has(status)) throw new SmsRejected(status, Number.isNaN(code) ? undefined : code);
    throw new SmsTemporaryFailure(`Africa's Talking refused the recipient: ${status} (${recipient.statusCode})`, status, Number.isNaN(code) ? undefined : code);
  }
  const [recipient] = recipients;
  if (!recipient?.messageId) throw new SmsTemporaryFailure("Africa's Talking accepted the message without a message id", recipient?.status);
  return { providerMessageId: recipient.messageId, providerStatus: recipient.status ?? 'Success', ...(recipient.cost && { cost: recipient.cost }) };
}

/** The SDK checks numbers itself (libphonenumber) and rejects with a validation error before any request. */
function classifyCallError(error: unknown): Error {
  if (error instanceof SmsRejected || error instanceof SmsTemporaryFailure) return error;
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  if (/valid phone number/i.test(message)) return new SmsRejected('InvalidPhoneNumber');
  const status = (error as { response?: { status?: number } } | null)?.response?.status;
  return new SmsTemporaryFailure(`Africa's Talking call failed${status ? ` with HTTP ${status}` : ''}: ${message}`, status ? `HTTP ${status}` : undefined);
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SmsTemporaryFailure(`Africa's Talking did not answer within ${timeoutMs} ms`, 'Timeout')), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Sends through Africa's Talking. `client` is resolved on every send (the default caches it), so
 * credentials from Secrets Manager are fetched on first use, not at import. A call that times out
 * counts as transient: it may still have been delivered, and the retry may send it twice; losing
 * it instead would break "at least once".
 */
export class AfricasTalkingSender implements SmsSender {
  readonly name = 'africastalking';

  constructor(
    private readonly options: {
      client: () => Promise<AfricasTalkingClient>;
      timeoutMs: number;
    },
  ) {}

  async send(message: SmsMessage): Promise<SmsReceipt> {
    const client = await this.options.client();
    let response: unknown;
    try {
      const params = { to: [message.to], message: message.message, ...(client.senderId && { from: client.senderId }) };
      response = await inSubsegment("Africa's Talking SMS.send", {}, () => withTimeout(client.send(params), this.options.timeoutMs));
    } catch (error) {
      throw classifyCallError(error);
    }
    return receiptFrom(response);
  }
}
