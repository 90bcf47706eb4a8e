import { inSubsegment } from '../platform/tracer';
import { SmsOutcomeUnknown, SmsRejected, SmsTemporaryFailure, type SmsMessage, type SmsReceipt, type SmsSender } from './ports';

export interface AfricasTalkingCredentials {
  /** "sandbox" selects the sandbox. */
  username: string;
  apiKey: string;
  senderId?: string;
}

const LIVE_URL = 'https://api.africastalking.com/version1/messaging';
const SANDBOX_URL = 'https://api.sandbox.africastalking.com/version1/messaging';

/** The messaging endpoint for these credentials, as the SDK chose it: by the username. */
export const messagingUrl = ({ username }: AfricasTalkingCredentials) => (username === 'sandbox' ? SANDBOX_URL : LIVE_URL);

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

/** Checks every recipient: the API answers 201 whenever it took the request, even when the recipient was refused. */
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

/** Errors of fetch that happen before any byte of the request is sent: nothing went out. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const codeOf = (error: unknown) => ((error as { cause?: { code?: string } } | null)?.cause?.code ?? (error as { code?: string } | null)?.code) as string | undefined;

/**
 * A failed fetch: refused before the request went out → transient (retried); an abort, timeout or
 * reset once it may have gone out → unknown (never resent blindly).
 */
function classifyCallError(error: unknown, timeoutMs: number): Error {
  const code = codeOf(error);
  if (code && NOT_SENT_CODES.has(code)) return new SmsTemporaryFailure(`Africa's Talking could not be reached: ${code}`, code);
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new SmsOutcomeUnknown(`Africa's Talking did not answer within ${timeoutMs} ms; the message may have been sent`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SmsOutcomeUnknown(`Africa's Talking call broke off after the request (${code ?? message}); the message may have been sent`, { cause: error });
}

/** 5xx and 429: the provider did not take the message (its documented answer to overload and faults). */
async function checkStatus(response: Response): Promise<unknown> {
  const text = await response.text();
  // Not the body: it may echo the number.
  if (!response.ok) throw new SmsTemporaryFailure(`Africa's Talking answered HTTP ${response.status}`, `HTTP ${response.status}`, response.status);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface AfricasTalkingSenderOptions {
  /** Resolved on every send, so credentials from Secrets Manager are fetched on first use, not at import. */
  credentials: () => Promise<AfricasTalkingCredentials>;
  /** The whole call, from connecting to the last byte of the answer (SMS_TIMEOUT_MS). */
  timeoutMs: number;
  /** Default: the endpoint for the credentials (tests point it at a local server). */
  url?: string;
  fetch?: typeof fetch;
}

/**
 * Sends through Africa's Talking's messaging API (form-encoded POST, JSON answer). The timeout
 * aborts the request itself; an answer that never came is an unknown outcome, not a failure.
 */
export class AfricasTalkingSender implements SmsSender {
  readonly name = 'africastalking';

  constructor(private readonly options: AfricasTalkingSenderOptions) {}

  async send(message: SmsMessage): Promise<SmsReceipt> {
    const credentials = await this.options.credentials();
    const { timeoutMs } = this.options;
    const body = new URLSearchParams({ username: credentials.username, to: message.to, message: message.message, ...(credentials.senderId && { from: credentials.senderId }) });
    const call = async () => {
      try {
        return await (this.options.fetch ?? fetch)(this.options.url ?? messagingUrl(credentials), {
          method: 'POST',
          headers: { apiKey: credentials.apiKey, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        }).then(checkStatus);
      } catch (error) {
        if (error instanceof SmsTemporaryFailure) throw error;
        throw classifyCallError(error, timeoutMs);
      }
    };
    return receiptFrom(await inSubsegment("Africa's Talking SMS.send", {}, call));
  }
}
