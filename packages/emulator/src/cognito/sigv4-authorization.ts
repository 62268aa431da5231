import type { IncomingHttpHeaders } from 'node:http';
import { CognitoException } from './cognito-error.js';

/** The only SigV4 algorithm AWS accepts in an `Authorization` header. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** How far a request's time may be from the server's clock (strict mode), as on Cognito. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The parts of a well-formed SigV4 `Authorization` header, checked against the request and this endpoint. */
export interface SigV4Authorization {
  accessKeyId: string;
  /** `<yyyymmdd>/<region>/<service>/aws4_request`. */
  scope: string;
  scopeDate: string;
  region: string;
  service: string;
  /** Header names as the `SignedHeaders` parameter lists them, lower-cased. */
  signedHeaders: readonly string[];
  signature: string;
  /** The request time in ISO-8601 basic format (`20260101T120000Z`), from `X-Amz-Date` (or `Date`). */
  requestTime: string;
}

/** What the endpoint expects of a signature, and (strict mode) the clock it checks the request time against. */
export interface SigV4Expectation {
  region: string;
  service: string;
  /** When given, a request time more than {@link MAX_CLOCK_SKEW_MS} from it is refused. */
  now?: number;
}

/*
 * The checks below, their order and their words are those of AWS's JSON-protocol front end (the one Cognito,
 * DynamoDB, Kinesis and ECS share), as recorded from live answers in dynalite's index.js (mhart/dynalite,
 * node_modules/dynalite/index.js: "THEN check Date format and expiration … THEN check keyid …") and seen in
 * reports against live services: aws-sdk-js#254 and remind101/logspout-kinesis#21 ("Signature expired: …"),
 * iann0036/cloud9-sync#10 ("… not a valid key=value pair (missing equal-sign) …"),
 * disneystreaming/smithy4s#1568 ("Credential should be scoped to correct service: 'sagemaker'. "),
 * brendanhay/amazonka#316 ("Authorization header requires 'Signature' parameter. … Authorization=…").
 * Every one of them travels with HTTP 400 on these services.
 */

const incomplete = (message: string) => new CognitoException('IncompleteSignatureException', message);
const invalid = (message: string) => new CognitoException('InvalidSignatureException', message);

/** `MissingAuthenticationTokenException`, AWS's answer to an IAM operation without a SigV4 header. */
export function missingAuthenticationToken(): CognitoException {
  return new CognitoException(
    'MissingAuthenticationTokenException',
    'Request is missing Authentication Token',
  );
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `20260101T120000Z` for a time in ms. */
export function basicFormat(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The request time in basic format, or undefined when the header does not hold a real date. */
function requestTimeOf(amzDate: string | undefined, date: string | undefined): string | undefined {
  if (amzDate !== undefined) {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
    if (m === null) return undefined;
    const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
    const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 0, h ?? 0, mi ?? 0, s ?? 0);
    // Date.UTC rolls 20260231 over to March: only a date that reads back the same is real.
    return basicFormat(ms) === amzDate ? amzDate : undefined;
  }
  const ms = Date.parse(date ?? '');
  return Number.isNaN(ms) ? undefined : basicFormat(ms);
}

function timeOf(basic: string): number {
  return Date.parse(
    `${basic.slice(0, 4)}-${basic.slice(4, 6)}-${basic.slice(6, 8)}T${basic.slice(9, 11)}:${basic.slice(11, 13)}:${basic.slice(13, 15)}Z`,
  );
}

/**
 * Reads a SigV4 `Authorization` header and checks everything that can be checked without a secret: its
 * parameters, the request date, that `host` is signed, the algorithm and the credential scope (region, service,
 * terminator, date). Throws the {@link CognitoException} AWS answers with for the first fault it finds.
 */
export function parseSigV4Authorization(
  headers: IncomingHttpHeaders,
  expected: SigV4Expectation,
): SigV4Authorization {
  const header = single(headers.authorization);
  // AWS treats a header that does not even begin like a SigV4 one (a Bearer token, Basic credentials) as no
  // header at all, so such a value is never echoed back.
  if (header === undefined || !header.trim().startsWith('AWS4-')) throw missingAuthenticationToken();
  const value = header.trim();
  const space = value.search(/\s/);
  const algorithm = space === -1 ? value : value.slice(0, space);
  const rest = space === -1 ? '' : value.slice(space + 1);
  // Keys come from the caller: a Map, so `__proto__=` or `constructor=` is just an unknown parameter.
  const params = new Map<string, string>();
  for (const part of rest.split(/[,\s]+/).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq === -1) {
      throw incomplete(
        `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${value}'.`,
      );
    }
    const key = part.slice(0, eq);
    if (!params.has(key)) params.set(key, part.slice(eq + 1));
  }

  const amzDate = single(headers['x-amz-date']);
  const date = single(headers.date);
  let missing = '';
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    // An empty SignedHeaders passes here on AWS (and fails at the `host` check below); empty others do not.
    const given = params.get(name);
    if (given === undefined || (given === '' && name !== 'SignedHeaders')) {
      missing += `Authorization header requires '${name}' parameter. `;
    }
  }
  if (amzDate === undefined && date === undefined) {
    missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  // AWS ends this message with the header as sent. It is the caller's own SigV4 header: a scope and a
  // signature, never the secret key, which does not leave the client.
  if (missing !== '') throw incomplete(`${missing}Authorization=${value}`);

  const requestTime = requestTimeOf(amzDate, date);
  if (requestTime === undefined) {
    throw incomplete(
      `Date must be in ISO-8601 'basic format'. Got '${amzDate ?? date ?? ''}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  if (expected.now !== undefined) checkClockSkew(requestTime, expected.now);

  const signedHeaders = (params.get('SignedHeaders') ?? '')
    .split(';')
    .filter((h) => h !== '')
    .map((h) => h.toLowerCase());
  if (!signedHeaders.includes('host')) {
    throw invalid("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (algorithm !== SIGV4_ALGORITHM) {
    throw incomplete(`Unsupported AWS 'algorithm': '${algorithm}' (only ${SIGV4_ALGORITHM} for now). `);
  }

  // Trailing slashes are ignored by AWS.
  const credential = (params.get('Credential') ?? '').replace(/\/+$/, '');
  const elements = credential.split('/');
  if (elements.length !== 5) {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId = '', scopeDate = '', region = '', service = '', terminator = ''] = elements;
  let scopeFaults = '';
  if (region !== expected.region) {
    scopeFaults += `Credential should be scoped to a valid region, not '${region}'. `;
  }
  if (service !== expected.service) {
    scopeFaults += `Credential should be scoped to correct service: '${expected.service}'. `;
  }
  if (terminator !== 'aws4_request') {
    scopeFaults += `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `;
  }
  if (scopeDate !== requestTime.slice(0, 8)) {
    scopeFaults += `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${requestTime.slice(0, 8)}', from '${requestTime}'.`;
  }
  if (scopeFaults !== '') throw invalid(scopeFaults);

  return {
    accessKeyId,
    scope: `${scopeDate}/${region}/${service}/${terminator}`,
    scopeDate,
    region,
    service,
    signedHeaders,
    signature: params.get('Signature') ?? '',
    requestTime,
  };
}

/**
 * AWS refuses a request signed more than five minutes before or after its own clock. Five minutes is the window
 * reported against Kinesis and Rekognition (remind101/logspout-kinesis#21, m0ngr31/kanzi#270); DynamoDB allows 15.
 * Cognito's own window is not documented: we take the common five.
 */
function checkClockSkew(requestTime: string, now: number): void {
  const at = timeOf(requestTime);
  if (at < now - MAX_CLOCK_SKEW_MS) {
    throw invalid(
      `Signature expired: ${requestTime} is now earlier than ${basicFormat(now - MAX_CLOCK_SKEW_MS)} (${basicFormat(now)} - 5 min.)`,
    );
  }
  if (at > now + MAX_CLOCK_SKEW_MS) {
    throw invalid(
      `Signature not yet current: ${requestTime} is still later than ${basicFormat(now + MAX_CLOCK_SKEW_MS)} (${basicFormat(now)} + 5 min.)`,
    );
  }
}
