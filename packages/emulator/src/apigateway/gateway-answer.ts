/** An HTTP answer the gateway sends: a gateway response, a MOCK integration's or a Lambda's. */
export interface GatewayAnswer {
  status: number;
  /** Name/value pairs in order; repeated names (Set-Cookie) stay repeated. */
  headers: [string, string][];
  body: Buffer | string;
}

/** The body AWS sends for its 5xx answers when no gateway response is customised (note the space). */
export const INTERNAL_ERROR_BODY = '{"message": "Internal server error"}';
