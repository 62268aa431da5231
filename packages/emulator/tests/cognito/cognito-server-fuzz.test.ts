import * as CognitoSdk from '@aws-sdk/client-cognito-identity-provider';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COGNITO_OPERATIONS } from '../../src/cognito/cognito-service.js';
import { type RawAnswer, rawRequest } from '../apigateway/support/raw-http.js';
import {
  createConfirmedUser,
  createPoolAndClient,
  type Harness,
  passwordSignIn,
  startHarness,
} from './cognito-test-harness.js';

// Property-based: random operations with random JSON bodies, in the AWS JSON 1.1 wire format, over real HTTP.
// Every answer must be a 200 or one of Cognito's exceptions; never a 5xx. Fixed seed, bounded count.
const SEED = 20_261_130;
const RUNS = 1000;

/** Every exception the Cognito SDK models, and the protocol-level ones any AWS JSON service answers with. */
const KNOWN_EXCEPTIONS = new Set([
  ...Object.keys(CognitoSdk).filter((name) => name.endsWith('Exception') && name !== 'ServiceException'),
  'SerializationException',
  'UnknownOperationException',
  'ValidationException',
  'AccessDeniedException',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'UnrecognizedClientException',
  'ThrottlingException',
]);

const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const MEMBERS = [
  'UserPoolId',
  'ClientId',
  'ClientSecret',
  'Username',
  'Password',
  'PreviousPassword',
  'ProposedPassword',
  'AccessToken',
  'RefreshToken',
  'Token',
  'AuthFlow',
  'AuthParameters',
  'ChallengeName',
  'ChallengeResponses',
  'Session',
  'UserAttributes',
  'UserAttributeNames',
  'AttributeName',
  'ConfirmationCode',
  'Code',
  'GroupName',
  'PoolName',
  'ClientName',
  'SecretHash',
  'ClientMetadata',
  'AttributesToGet',
  'Limit',
  'MaxResults',
  'PaginationToken',
  'NextToken',
  'Filter',
  'Policies',
  'ExplicitAuthFlows',
  'TokenValidityUnits',
  'AccessTokenValidity',
  'RefreshTokenValidity',
  'MessageAction',
  'TemporaryPassword',
  'DesiredDeliveryMediums',
  'Permanent',
  'Schema',
  'AliasAttributes',
  'UsernameAttributes',
  'AutoVerifiedAttributes',
  'GenerateSecret',
  'PreventUserExistenceErrors',
  'AllowedOAuthFlows',
  'CallbackURLs',
  'Precedence',
  'Description',
  'AnalyticsMetadata',
  'UserContextData',
  ...PROTO_NAMES,
];

let h: Harness;
let poolId = '';
let clientId = '';
/** Alice's tokens from one sign-in, so operations that take a token reach their logic. */
let tokens = { AccessToken: '', RefreshToken: '' };

beforeAll(async () => {
  h = await startHarness();
  ({ poolId, clientId } = await createPoolAndClient(h));
  await createConfirmedUser(h, poolId, 'alice', [{ Name: 'email', Value: 'alice@example.com' }]);
  tokens = await passwordSignIn(h, clientId, 'alice');
});
afterAll(() => h.close());

const text = fc.oneof(
  fc.constantFrom(
    'alice',
    'alice@example.com',
    'Corr3ct-Horse!',
    'USER_PASSWORD_AUTH',
    'USER_SRP_AUTH',
    'REFRESH_TOKEN_AUTH',
    'ADMIN_USER_PASSWORD_AUTH',
    'CUSTOM_AUTH',
    'NEW_PASSWORD_REQUIRED',
    'PASSWORD_VERIFIER',
    'SMS_MFA',
    'ENABLED',
    'LEGACY',
    'SUPPRESS',
    'RESEND',
    'EMAIL',
    'email',
    'custom:x',
    'not.a.jwt',
    '',
    ...PROTO_NAMES,
  ),
  fc.string({ maxLength: 40 }),
);
/** Ids are drawn live so they refer to the pool and client made in `beforeAll`. */
const id = fc.constantFrom(
  () => poolId,
  () => clientId,
  () => 'us-east-1_Nope12345',
  () => 'us-east-1_',
);
const leaf: fc.Arbitrary<unknown> = fc.oneof(
  text,
  id.map((f) => ({ toJSON: f })),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom(...MEMBERS, 'Name', 'Value', 'USERNAME', 'PASSWORD', 'SRP_A'), text),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
    fc.array(fc.record({ Name: text, Value: text }), { maxLength: 3 }),
  ),
})).value;
const strings = fc.array(text, { maxLength: 4 });
const stringMap = fc.dictionary(text, text, { maxKeys: 4 });
const attributes = fc.array(
  fc.record({
    Name: fc.oneof(
      fc.constantFrom('email', 'email_verified', 'name', 'phone_number', 'custom:x', 'sub'),
      text,
    ),
    Value: fc.oneof(fc.constantFrom('alice@example.com', 'true', 'false', '+15555550100'), text),
  }),
  { maxLength: 4 },
);
const authParameters = fc.dictionary(
  fc.constantFrom(
    'USERNAME',
    'PASSWORD',
    'SRP_A',
    'SECRET_HASH',
    'REFRESH_TOKEN',
    'DEVICE_KEY',
    ...PROTO_NAMES,
  ),
  fc.oneof(text, fc.constantFrom('a'.repeat(512), '0')),
  { maxKeys: 4 },
);
const idValue = id.map((f) => ({ toJSON: f }));
/** A value of the member's own type most of the time, so operations get past validation into their logic. */
const typed = new Map<string, fc.Arbitrary<unknown>>(
  Object.entries({
    UserPoolId: fc.oneof(idValue, text),
    AccessToken: fc.oneof(fc.constant({ toJSON: () => tokens.AccessToken }), text),
    RefreshToken: fc.oneof(fc.constant({ toJSON: () => tokens.RefreshToken }), text),
    ClientId: fc.oneof(idValue, text),
    Limit: fc.integer({ min: -1, max: 80 }),
    MaxResults: fc.integer({ min: -1, max: 80 }),
    AccessTokenValidity: fc.integer({ min: -1, max: 100_000 }),
    RefreshTokenValidity: fc.integer({ min: -1, max: 100_000 }),
    Precedence: fc.integer({ min: -1, max: 10 }),
    Permanent: fc.boolean(),
    GenerateSecret: fc.boolean(),
    AuthParameters: authParameters,
    ChallengeResponses: authParameters,
    ClientMetadata: stringMap,
    UserAttributes: attributes,
    UserAttributeNames: strings,
    AttributesToGet: strings,
    ExplicitAuthFlows: strings,
    AliasAttributes: strings,
    UsernameAttributes: strings,
    AutoVerifiedAttributes: strings,
    DesiredDeliveryMediums: strings,
    AllowedOAuthFlows: strings,
    CallbackURLs: strings,
    TokenValidityUnits: fc.dictionary(
      fc.constantFrom('AccessToken', 'IdToken', 'RefreshToken', ...PROTO_NAMES),
      fc.constantFrom('seconds', 'minutes', 'hours', 'days', 'weeks'),
      { maxKeys: 3 },
    ),
    Policies: fc.record({
      PasswordPolicy: fc.dictionary(
        fc.constantFrom(
          'MinimumLength',
          'RequireUppercase',
          'RequireSymbols',
          'TemporaryPasswordValidityDays',
        ),
        fc.oneof(fc.integer({ min: -1, max: 120 }), fc.boolean()),
        { maxKeys: 3 },
      ),
    }),
    Schema: fc.array(
      fc.record({
        Name: text,
        AttributeDataType: fc.constantFrom('String', 'Number', 'Boolean', 'DateTime', 'x'),
      }),
      { maxLength: 3 },
    ),
  }),
);
const member = (name: string): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 9, arbitrary: typed.get(name) ?? text }, { weight: 1, arbitrary: value });
/** The members most operations require, usually naming the real pool, client and user. */
const core = fc.record(
  {
    UserPoolId: fc.oneof(
      { weight: 4, arbitrary: id.filter((f) => f() === poolId).map((f) => ({ toJSON: f })) },
      { weight: 1, arbitrary: member('UserPoolId') },
    ),
    ClientId: fc.oneof(
      { weight: 4, arbitrary: fc.constant({ toJSON: () => clientId }) },
      { weight: 1, arbitrary: member('ClientId') },
    ),
    Username: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('alice', 'alice@example.com', 'bob') },
      { weight: 1, arbitrary: text },
    ),
    Password: fc.oneof(
      { weight: 2, arbitrary: fc.constant('Corr3ct-Horse!') },
      { weight: 1, arbitrary: text },
    ),
    GroupName: fc.oneof(fc.constantFrom('admins', 'toString'), text),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        core,
        fc
          .uniqueArray(fc.constantFrom(...MEMBERS), { maxLength: 5 })
          .chain((names) => fc.tuple(...names.map((n) => member(n).map((v) => [n, v] as const)))),
      )
      .map(([base, extra]) => JSON.stringify({ ...base, ...Object.fromEntries(extra) })),
  },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const operation = fc.oneof(
  // Deleting the pool or its client would leave every later request a ResourceNotFoundException.
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      ...COGNITO_OPERATIONS.filter((op) => op !== 'DeleteUserPool' && op !== 'DeleteUserPoolClient'),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('ListUsersInGroup', 'Nope', '', 'toString', '__proto__') },
);
const target = fc.oneof(
  { weight: 9, arbitrary: operation.map((op) => `AWSCognitoIdentityProviderService.${op}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x21-\x7e]/g, '')) },
);
/** A well-formed SigV4 header as the SDK writes it (admin operations need one). */
const SIGV4 = [
  [
    'Authorization',
    `AWS4-HMAC-SHA256 Credential=local/20261130/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=${'ab'.repeat(32)}`,
  ],
  ['X-Amz-Date', '20261130T080000Z'],
] as [string, string][];

function isCognitoAnswer(res: RawAnswer): boolean {
  if (res.status === 200) return typeof JSON.parse(res.body) === 'object';
  if (res.status !== 400) return false;
  const parsed = JSON.parse(res.body) as Record<string, unknown>;
  return (
    Object.keys(parsed).sort().join() === '__type,message' &&
    typeof parsed.message === 'string' &&
    KNOWN_EXCEPTIONS.has(String(parsed.__type))
  );
}

describe('the Cognito endpoint under random operations', () => {
  it('never answers 5xx, and answers 200 or a Cognito exception', async () => {
    await fc.assert(
      fc.asyncProperty(target, body, fc.boolean(), async (amzTarget, payload, signed) => {
        const headers: [string, string][] = [
          ['Content-Type', 'application/x-amz-json-1.1'],
          ['X-Amz-Target', amzTarget],
          ...(signed ? SIGV4 : []),
        ];
        const res = await rawRequest(h.server.url, 'POST / HTTP/1.1', headers, payload);
        expect(res.status, `${amzTarget} ${payload.slice(0, 300)} → ${res.body.slice(0, 300)}`).toBeLessThan(
          500,
        );
        expect(isCognitoAnswer(res), `${amzTarget} → ${res.status} ${res.body.slice(0, 300)}`).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
