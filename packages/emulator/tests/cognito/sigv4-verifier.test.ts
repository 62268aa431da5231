import {
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoServer, CognitoService, startCognitoServer } from '../../src/cognito/index.js';
import { parseSigV4Authorization } from '../../src/cognito/sigv4-authorization.js';
import { computeSignature, type SignedRequest, SigV4Verifier } from '../../src/cognito/sigv4-verifier.js';
import { wellFormedSigV4 } from './sigv4-test-headers.js';

const AWS_EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

function authOf(request: SignedRequest, region = 'us-east-1', service = 'service') {
  const flat = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, v?.[0]]));
  return parseSigV4Authorization(flat, { region, service });
}

describe('computeSignature', () => {
  it.each<[string, SignedRequest, string]>([
    [
      "AWS's test suite request get-vanilla",
      {
        method: 'GET',
        url: '/',
        headers: {
          host: ['example.amazonaws.com'],
          'x-amz-date': ['20150830T123600Z'],
          authorization: [
            'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=x',
          ],
        },
        body: new Uint8Array(),
      },
      '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    ],
    [
      // Signed by the SDK's own signer (@smithy/signature-v4 5.7.5) for these exact inputs.
      'a POST with a body, a sorted query and a header of runs of spaces',
      {
        method: 'POST',
        url: '/?z=1&m=x%21y&a=b%20c',
        headers: {
          host: ['127.0.0.1:9229'],
          'content-type': ['application/x-amz-json-1.1'],
          'x-amz-target': ['AWSCognitoIdentityProviderService.ListUsers'],
          'x-custom': ['  a   b  '],
          'x-amz-date': ['20261130T080000Z'],
          'x-amz-content-sha256': ['a5ccc492a1e9cbc452b1958782e68b7b9636fbb169863688f2581108b8fc4b1d'],
          authorization: [
            'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261130/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target;x-custom, Signature=x',
          ],
        },
        body: Buffer.from('{"UserPoolId":"us-east-1_abc"}'),
      },
      '08be1932f8c07efb96e263ceb28320a3142fed9c4278c5a7cc7654b819db1399',
    ],
  ])('computes the signature of %s', (_, request, signature) => {
    expect(computeSignature(request, authOf(request), AWS_EXAMPLE_SECRET)).toBe(signature);
  });
});

describe('SigV4Verifier', () => {
  const request: SignedRequest = { method: 'POST', url: '/', headers: {}, body: new Uint8Array() };
  const auth = (over: { accessKeyId?: string; signature?: string }) => ({
    ...parseSigV4Authorization(wellFormedSigV4(), { region: 'us-east-1', service: 'cognito-idp' }),
    ...over,
  });

  it('accepts any access key in the default mode', () => {
    expect(new SigV4Verifier().strict).toBe(false);
    expect(() => new SigV4Verifier().verify(request, auth({ accessKeyId: 'whoever' }))).not.toThrow();
  });

  it.each([
    ['a signature that is not 64 hex digits', { signature: 'garbage' }, 'InvalidSignatureException'],
    ['a signature in capitals', { signature: 'AB'.repeat(32) }, 'InvalidSignatureException'],
    ['an empty access key', { accessKeyId: '' }, 'UnrecognizedClientException'],
  ])('refuses %s in the default mode', (_, over, name) => {
    expect(() => new SigV4Verifier().verify(request, auth(over))).toThrow(expect.objectContaining({ name }));
  });
});

describe('the Cognito server in strict mode', () => {
  const KEY = { accessKeyId: 'LOCALTESTKEY', secretAccessKey: 'local-test-secret' };
  const CLOCK = Date.parse('2026-11-30T08:00:00Z');
  let service: CognitoService;
  let server: CognitoServer;
  const clients: CognitoIdentityProviderClient[] = [];
  const sdk = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => {
    const client = new CognitoIdentityProviderClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    service = CognitoService.open({ database: ':memory:' });
    await service.call('CreateUserPool', { PoolName: 'strict' });
    server = await startCognitoServer({ service, credentials: [KEY] });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    service.close();
  });

  it('runs an admin operation signed by the official SDK with the configured key', async () => {
    const out = await sdk(KEY).send(new ListUserPoolsCommand({ MaxResults: 10 }));
    expect(out.UserPools).toHaveLength(1);
  });

  it.each([
    [
      'a wrong secret',
      { accessKeyId: KEY.accessKeyId, secretAccessKey: 'wrong' },
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    ],
    [
      'an unknown access key',
      { accessKeyId: 'SOMEONEELSE', secretAccessKey: KEY.secretAccessKey },
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    ],
    [
      'a session token the endpoint never issued',
      { ...KEY, sessionToken: 'forged' },
      'UnrecognizedClientException',
      'The security token included in the request is invalid',
    ],
  ])('refuses a call signed with %s', async (_, credentials, name, message) => {
    const err = await sdk(credentials)
      .send(new ListUsersCommand({ UserPoolId: 'us-east-1_Nothing00' }))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name, message, $metadata: { httpStatusCode: 400 } });
  });

  it('refuses a signature of the right form that signs nothing', async () => {
    const res = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
        ...wellFormedSigV4({ accessKeyId: KEY.accessKeyId }),
      },
      body: '{"MaxResults":1}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'InvalidSignatureException' });
  });

  it('refuses a request signed more than five minutes before its clock', async () => {
    const clocked = await startCognitoServer({ service, credentials: [KEY], now: () => CLOCK });
    try {
      const res = await fetch(`${clocked.url}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
          ...wellFormedSigV4({ accessKeyId: KEY.accessKeyId, at: CLOCK - 10 * 60_000 }),
        },
        body: '{"MaxResults":1}',
      });
      expect(await res.json()).toEqual({
        __type: 'InvalidSignatureException',
        message:
          'Signature expired: 20261130T075000Z is now earlier than 20261130T075500Z (20261130T080000Z - 5 min.)',
      });
    } finally {
      await clocked.close();
      service.setPublicUrl(server.url);
    }
  });

  it('leaves public operations open without any signature', async () => {
    const res = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser',
      },
      body: '{"AccessToken":"abc"}',
    });
    expect(await res.json()).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Access Token' });
  });
});
