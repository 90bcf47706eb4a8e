/** The part of the untyped `africastalking` SDK (0.8.x) this service uses. */
declare module 'africastalking' {
  interface SmsSendParams {
    to: string | string[];
    message: string;
    from?: string;
  }
  interface AfricasTalkingClient {
    SMS: { send(params: SmsSendParams): Promise<unknown> };
  }
  function AfricasTalking(options: { username: string; apiKey: string; format?: 'json' | 'xml' }): AfricasTalkingClient;
  export default AfricasTalking;
}
