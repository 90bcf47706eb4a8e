import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue, QueuedMessage } from './message-queue';

const parsed = (body: string | undefined): unknown => {
  try {
    return JSON.parse(body ?? '');
  } catch {
    return body;
  }
};

/** An SQS queue of JSON messages: a received message stays invisible to other readers while it is handled. */
export class SqsMessageQueue implements MessageQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly visibilityTimeoutSeconds = 300,
  ) {}

  async send(message: unknown): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }));
  }

  async receive(max: number): Promise<QueuedMessage[]> {
    const { Messages = [] } = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(Math.max(max, 1), 10),
        VisibilityTimeout: this.visibilityTimeoutSeconds,
        // Long polling asks every server: an empty answer means the queue holds nothing visible.
        WaitTimeSeconds: 1,
      }),
    );
    return Messages.flatMap((message) => (message.ReceiptHandle ? [{ message: parsed(message.Body), receipt: message.ReceiptHandle }] : []));
  }

  async delete(receipt: string): Promise<void> {
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receipt }));
  }
}
