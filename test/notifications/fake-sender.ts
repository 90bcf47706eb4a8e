import { SmsRejected, SmsTemporaryFailure, type SmsMessage, type SmsReceipt, type SmsSender } from '../../functions/notifications/ports';

/** A provider that fails on demand: `failTimes` transient failures first, `rejected` numbers refused for good, an optional delay. */
export class FakeSender implements SmsSender {
  readonly name = 'fake';
  readonly sent: SmsMessage[] = [];
  /** Every message handed to the provider, sent or not. */
  readonly tried: SmsMessage[] = [];
  calls = 0;
  failTimes = 0;
  delayMs = 0;
  readonly rejected = new Set<string>();

  async send(message: SmsMessage): Promise<SmsReceipt> {
    this.calls += 1;
    this.tried.push(message);
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failTimes > 0) {
      this.failTimes -= 1;
      throw new SmsTemporaryFailure('The provider is down', 'InternalServerError', 500);
    }
    if (this.rejected.has(message.to)) throw new SmsRejected('InvalidPhoneNumber', 403);
    this.sent.push(message);
    return { providerMessageId: `ATXid_fake_${this.sent.length}`, providerStatus: 'Success', cost: 'KES 0.8000' };
  }

  /** Every call fails from now on, until `heal()`. */
  breakDown() {
    this.failTimes = Number.POSITIVE_INFINITY;
  }

  heal() {
    this.failTimes = 0;
  }

  /** Calls for one order: sweeps in a test file also reach other tests' waiting deliveries. */
  triesFor(orderId: string): number {
    return this.tried.filter((message) => message.orderId === orderId).length;
  }
}
