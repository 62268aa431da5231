import type { Readable } from 'node:stream';
import type { GatewayResponseContext } from './gateway-responses.js';
import { inputDictionary } from './input-dictionary.js';
import { type IncomingRequest, parseQuery } from './proxy-event.js';
import type { MethodModel, ResourceNode, RestApiModel, StageModel } from './rest-api-model.js';

/** Shared by every scope that has none: never written to (steps assign a new map instead). */
const NONE: Record<string, string> = Object.freeze(inputDictionary<string>());
const NO_BODY = Buffer.alloc(0);

/**
 * Everything one request carries through the gateway's steps, in one object: what was received, then what
 * each step found (the API and stage, the body, the resource and method, the authorizer's claims). It is the
 * gateway-response context (stage, resource path, headers, query, path parameters, stage variables) and the
 * proxy event's request side, so no step builds either again.
 */
export class RequestScope implements GatewayResponseContext, IncomingRequest {
  /** Upper-cased: `GET`. */
  readonly httpMethod: string;
  /** The path as sent, before the query, still percent-encoded. */
  readonly pathname: string;
  /** The raw query string without `?` ('' when absent). */
  readonly rawQuery: string;
  /** Header name/value pairs in the client's casing and order. */
  readonly rawHeaders: [string, string][];
  /** Request headers by lower-cased name (the last value of a repeated header); null-prototype. */
  readonly headers: Record<string, string>;

  /** Set by the locate-stage step. */
  api: RestApiModel | undefined = undefined;
  stageModel: StageModel | undefined = undefined;
  /** The stage name (also the name the caller asked for when there is no such stage). */
  stage = '';
  /** The path after the stage: `/notes/abc`. */
  rest = '/';
  stageVariables: Record<string, string> = NONE;
  /** Set by the read-body step. */
  body: Buffer = NO_BODY;
  /** Set by the match-route step. */
  resource: ResourceNode | undefined = undefined;
  method: MethodModel | undefined = undefined;
  resourcePath: string | undefined = undefined;
  pathParameters: Record<string, string> = NONE;
  /** Set by the authorize step: `requestContext.authorizer.claims` (all strings), when an authorizer ran. */
  claims: Record<string, string> | undefined = undefined;

  #query: Record<string, string> | undefined = undefined;

  /**
   * @param rawMethod the method as received (`req.method`)
   * @param url the request target as received (`req.url`)
   * @param rawHeaderList Node's flat `rawHeaders` list: name, value, name, value…
   * @param remoteAddress the peer address (`req.socket.remoteAddress`)
   * @param localPort the port the request came in on (for `X-Forwarded-Port`)
   * @param incoming the request body stream
   */
  constructor(
    readonly requestId: string,
    readonly rawMethod: string,
    readonly url: string,
    rawHeaderList: string[],
    readonly remoteAddress: string | undefined,
    readonly localPort: number,
    readonly incoming: Readable,
  ) {
    this.httpMethod = rawMethod.toUpperCase();
    const q = url.indexOf('?');
    this.pathname = q === -1 ? url : url.slice(0, q);
    this.rawQuery = q === -1 ? '' : url.slice(q + 1);
    const pairs: [string, string][] = [];
    const headers = inputDictionary<string>();
    for (let i = 0; i + 1 < rawHeaderList.length; i += 2) {
      const name = rawHeaderList[i]!;
      const value = rawHeaderList[i + 1]!;
      pairs.push([name, value]);
      headers[name.toLowerCase()] = value;
    }
    this.rawHeaders = pairs;
    this.headers = headers;
  }

  /** Single-value query parameters; only gateway responses and MOCK integrations read them, so parsed on demand. */
  get query(): Record<string, string> {
    this.#query ??= parseQuery(this.rawQuery).single;
    return this.#query;
  }

  /** The path after the stage as the proxy event's `path` gives it. */
  get path(): string {
    return this.rest === '' ? '/' : this.rest;
  }

  /** An IPv4 client on a dual-stack listener shows as ::ffff:a.b.c.d; AWS reports the IPv4 address. */
  get sourceIp(): string {
    return (this.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  }

  /** `GET /prod/notes`, for log lines. */
  get label(): string {
    return `${this.httpMethod} /${this.stage}${this.rest}`;
  }
}
