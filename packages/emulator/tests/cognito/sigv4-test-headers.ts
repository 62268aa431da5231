import { basicFormat } from '../../src/cognito/sigv4-authorization.js';

/**
 * `Authorization` and `X-Amz-Date` headers of the form SigV4 asks for, with a signature that is 64 hex digits but
 * signs nothing: what the default mode (any key, form only) accepts and strict mode refuses.
 */
export function wellFormedSigV4(
  options: { region?: string; at?: number; accessKeyId?: string } = {},
): Record<string, string> {
  const time = basicFormat(options.at ?? Date.now());
  const scope = `${time.slice(0, 8)}/${options.region ?? 'us-east-1'}/cognito-idp/aws4_request`;
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${options.accessKeyId ?? 'local'}/${scope}, SignedHeaders=host;x-amz-date, Signature=${'0a'.repeat(32)}`,
    'x-amz-date': time,
  };
}
