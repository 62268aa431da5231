import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CognitoException } from './cognito-error.js';
import { SIGV4_ALGORITHM, type SigV4Authorization } from './sigv4-authorization.js';

/** An access key the local stack accepts in strict mode. */
export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The parts of an HTTP request a SigV4 signature covers. */
export interface SignedRequest {
  method: string;
  /** The request target as sent (`/` or `/?a=b`), still percent-encoded. */
  url: string;
  /** Every value of every header, by lower-case name (Node's `headersDistinct`). */
  headers: Readonly<Record<string, readonly string[] | undefined>>;
  body: Uint8Array;
}

// AWS's words for a signature computed with another secret (aws/aws-sdk-js#168, teralytics/prometheus-ecs-discovery#7,
// both from JSON-protocol services). DynamoDB appends the canonical request it expected; we leave that out, as
// Cognito answers are not known to carry it and it would only help forge a signature.
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** `UnrecognizedClientException`, AWS's answer to an access key it does not know (aws/aws-sdk-php#2444). */
function unrecognizedClient(message = 'The security token included in the request is invalid.') {
  return new CognitoException('UnrecognizedClientException', message);
}

function mismatch(): CognitoException {
  return new CognitoException('InvalidSignatureException', SIGNATURE_MISMATCH);
}

/** RFC 3986 percent-encoding, as SigV4 wants it (encodeURIComponent leaves `!'()*` alone). */
function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/**
 * The canonical request of the SigV4 specification ("Create a canonical request for Signature Version 4",
 * AWS IAM user guide): method, path (each segment encoded once more, as for every service but S3), sorted
 * query, the signed headers with trimmed values, the signed header list and the SHA-256 of the body.
 */
export function canonicalRequest(request: SignedRequest, signedHeaders: readonly string[]): string {
  const q = request.url.indexOf('?');
  const path = q === -1 ? request.url : request.url.slice(0, q);
  const query = q === -1 ? '' : request.url.slice(q + 1);
  const canonicalPath = path
    .split('/')
    .map((segment) => uriEncode(decode(segment)))
    .map(uriEncode)
    .join('/');
  const canonicalQuery = query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const key = uriEncode(decode(eq === -1 ? p : p.slice(0, eq)));
      const value = uriEncode(decode(eq === -1 ? '' : p.slice(eq + 1)));
      return [key, value] as const;
    })
    .sort(([ka, va], [kb, vb]) => (ka === kb ? (va < vb ? -1 : va > vb ? 1 : 0) : ka < kb ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = signedHeaders
    .map((name) => {
      const values = Object.hasOwn(request.headers, name) ? (request.headers[name] ?? []) : [];
      return `${name}:${values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',')}\n`;
    })
    .join('');
  return [
    request.method.toUpperCase(),
    canonicalPath,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
}

/** The hex signature of `request` under `secretAccessKey` for the scope and time of `auth`. */
export function computeSignature(
  request: SignedRequest,
  auth: Pick<
    SigV4Authorization,
    'scope' | 'scopeDate' | 'region' | 'service' | 'requestTime' | 'signedHeaders'
  >,
  secretAccessKey: string,
): string {
  const stringToSign = [
    SIGV4_ALGORITHM,
    auth.requestTime,
    auth.scope,
    sha256Hex(canonicalRequest(request, auth.signedHeaders)),
  ].join('\n');
  const kDate = hmac(`AWS4${secretAccessKey}`, auth.scopeDate);
  const kRegion = hmac(kDate, auth.region);
  const kService = hmac(kRegion, auth.service);
  const kSigning = hmac(kService, 'aws4_request');
  return createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
}

/**
 * Decides whether a well-formed SigV4 request is signed by a key this endpoint accepts.
 *
 * Without credentials (the default) any access key is accepted, as long as the signature has the form of one
 * (64 hex digits): the local stack then trusts whoever can reach its loopback port. With credentials (strict
 * mode) the signature is computed again with the key's secret and compared in constant time.
 *
 * @example
 * const verifier = new SigV4Verifier([{ accessKeyId: 'LOCALKEY', secretAccessKey: 's3cr3t' }]);
 * verifier.verify(request, parseSigV4Authorization(req.headers, { region, service: 'cognito-idp', now }));
 */
export class SigV4Verifier {
  private readonly secrets: Map<string, string> | undefined;

  constructor(credentials?: readonly LocalCredentials[]) {
    this.secrets =
      credentials === undefined || credentials.length === 0
        ? undefined
        : new Map(credentials.map((c) => [c.accessKeyId, c.secretAccessKey]));
  }

  /** Whether signatures are computed and compared (strict mode), rather than only checked for form. */
  get strict(): boolean {
    return this.secrets !== undefined;
  }

  /** Throws AWS's exception when the request's signature is not one this endpoint accepts. */
  verify(request: SignedRequest, auth: SigV4Authorization): void {
    if (this.secrets === undefined) {
      if (auth.accessKeyId === '') throw unrecognizedClient();
      // No 64-hex-digit string can be an HMAC-SHA256 in hex: AWS would find it does not match.
      if (!/^[0-9a-f]{64}$/.test(auth.signature)) throw mismatch();
      return;
    }
    const secret = this.secrets.get(auth.accessKeyId);
    if (secret === undefined) throw unrecognizedClient();
    const expected = Buffer.from(computeSignature(request, auth, secret), 'utf8');
    const given = Buffer.from(auth.signature, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw mismatch();
    // Local keys are long-term keys: a session token names a session this endpoint never issued. AWS checks
    // the token after the signature, and words this answer without the final period (dynalite's record).
    if (Object.hasOwn(request.headers, 'x-amz-security-token')) {
      throw unrecognizedClient('The security token included in the request is invalid');
    }
  }
}
