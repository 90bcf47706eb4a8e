import type { OrderEventName } from '../core/order-states';

/** One SMS about one order entering one state: everything needed to send it, or to replay it later. */
export interface SmsMessage {
  to: string;
  message: string;
  orderId: string;
  state: OrderEventName;
}

/** The provider took the message. */
export interface SmsReceipt {
  providerMessageId: string;
  /** The provider's word for it, e.g. "Success" (Africa's Talking statusCode 101). */
  providerStatus: string;
  /** As the provider reports it, e.g. "KES 0.8000". */
  cost?: string;
}

/**
 * The provider refused the message for good (invalid number, blacklisted recipient): sending it
 * again cannot succeed, so it is recorded and not retried. Every other error a sender throws is
 * transient (network, timeout, 5xx, provider-side trouble) and the message is retried.
 */
export class SmsRejected extends Error {
  constructor(
    readonly providerStatus: string,
    readonly statusCode?: number,
  ) {
    super(`The SMS provider rejected the message for good: ${providerStatus}${statusCode === undefined ? '' : ` (${statusCode})`}`);
    this.name = 'SmsRejected';
  }
}

/** A failure worth retrying, with the provider's status when there is one. */
export class SmsTemporaryFailure extends Error {
  constructor(
    message: string,
    readonly providerStatus?: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'SmsTemporaryFailure';
  }
}

/**
 * The request reached the provider (or may have) and no answer came back: a timeout or a reset
 * after sending. The message may have gone out, so it is never resent without an operator.
 */
export class SmsOutcomeUnknown extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SmsOutcomeUnknown';
  }
}

/** Sends one SMS: resolves with the receipt, throws SmsRejected (permanent), SmsOutcomeUnknown, or anything else (transient). */
export interface SmsSender {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsReceipt>;
}

/** A message that kept failing, with what is needed to replay it. */
export interface SmsDeadLetter extends SmsMessage {
  /** The customer; absent on letters written before it was recorded. */
  recipientId?: string;
  reason: string;
  attempts: number;
  deadLetteredAt: string;
}

export interface ReceivedDeadLetter {
  letter: SmsDeadLetter;
  /** Opaque: hand it back to `delete` once the letter is dealt with. */
  receipt: string;
}

/** The SMS dead-letter queue: SQS in AWS, a JSON-lines file on one machine. */
export interface SmsDeadLetterQueue {
  readonly name: string;
  put(letter: SmsDeadLetter): Promise<void>;
  /** Up to `max` letters; what is received and not deleted comes back later (SQS: after the visibility timeout). */
  receive(max: number): Promise<ReceivedDeadLetter[]>;
  delete(receipt: string): Promise<void>;
}
