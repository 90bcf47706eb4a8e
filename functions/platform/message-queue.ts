/** A message taken from a queue: its parsed body and what deletes it. */
export interface QueuedMessage {
  message: unknown;
  receipt: string;
}

/** A queue of JSON messages: SQS in AWS, a JSON-lines file on one machine. */
export interface MessageQueue {
  send: (message: unknown) => Promise<void>;
  receive: (max: number) => Promise<QueuedMessage[]>;
  delete: (receipt: string) => Promise<void>;
}
