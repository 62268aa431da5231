import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll } from 'vitest';
import {
  type CognitoServer,
  CognitoService,
  type CognitoServiceOptions,
  type SrpClient,
  startCognitoServer,
} from '../../src/cognito/index.js';

/** A Cognito service on 127.0.0.1 (any free port) with an in-memory store, and an official SDK client for it. */
export interface Harness {
  service: CognitoService;
  server: CognitoServer;
  sdk: CognitoIdentityProviderClient;
  /** A settable clock (ms) the service reads. */
  clock: { now: number };
  close(): Promise<void>;
}

export async function startHarness(options: Partial<CognitoServiceOptions> = {}): Promise<Harness> {
  const clock = { now: Date.now() };
  const service = CognitoService.open({ database: ':memory:', now: () => clock.now, ...options });
  const server = await startCognitoServer({ service });
  const sdk = new CognitoIdentityProviderClient({
    endpoint: server.url,
    region: 'us-east-1',
    // Any credentials are accepted locally; the SDK signs admin calls with them (SigV4).
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return {
    service,
    server,
    sdk,
    clock,
    close: async () => {
      sdk.destroy();
      await server.close();
      service.close();
    },
  };
}

/**
 * Starts a harness before the tests of the enclosing `describe` and closes it after them. `ready` receives
 * it (and may do more setup); tests keep it in their own `let`.
 */
export function useHarness(
  ready: (h: Harness) => void | Promise<void>,
  options: Partial<CognitoServiceOptions> = {},
): void {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(options);
    await ready(started);
  });
  afterAll(() => started?.close());
}

/** A harness with one pool and client made by {@link createPoolAndClient}. */
export interface PoolHarness {
  h: Harness;
  poolId: string;
  clientId: string;
}

/** {@link useHarness} plus a pool and client (settings as {@link createPoolAndClient} takes them). */
export function usePoolHarness(
  ready: (t: PoolHarness) => void | Promise<void>,
  setup: {
    service?: Partial<CognitoServiceOptions>;
    pool?: Partial<CreateUserPoolCommandInput>;
    client?: Partial<CreateUserPoolClientCommandInput>;
  } = {},
): void {
  useHarness(async (h) => {
    const { poolId, clientId } = await createPoolAndClient(h, setup.pool, setup.client);
    await ready({ h, poolId, clientId });
  }, setup.service);
}

export const STRONG_PASSWORD = 'Corr3ct-Horse!';

/** A pool (email as alias, email auto-verified) and a client allowing password, SRP, admin and refresh flows. */
export async function createPoolAndClient(
  h: Harness,
  pool: Partial<CreateUserPoolCommandInput> = {},
  client: Partial<CreateUserPoolClientCommandInput> = {},
): Promise<{ poolId: string; clientId: string; clientSecret?: string }> {
  const created = await h.sdk.send(
    new CreateUserPoolCommand({ PoolName: 'test-pool', AutoVerifiedAttributes: ['email'], ...pool }),
  );
  const poolId = created.UserPool?.Id ?? '';
  const c = await h.sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'web',
      ExplicitAuthFlows: [
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_ADMIN_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ],
      ...client,
    }),
  );
  const clientId = c.UserPoolClient?.ClientId ?? '';
  const secret = c.UserPoolClient?.ClientSecret;
  return secret === undefined ? { poolId, clientId } : { poolId, clientId, clientSecret: secret };
}

/** Verifiers configured exactly as production code configures them, given the emulator's JWKS. */
export function verifiers(h: Harness, poolId: string, clientId: string) {
  const id = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
  const access = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId });
  const jwks = h.service.jwks(poolId) as unknown as Parameters<typeof id.cacheJwks>[0];
  id.cacheJwks(jwks);
  access.cacheJwks(jwks);
  return { id, access };
}

/** The payload of a JWT, unverified (for asserting claim shapes). */
export function decodeJwt(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [h = '', p = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}

/** A confirmed user with a permanent password, made through admin operations. */
export async function createConfirmedUser(
  h: Harness,
  poolId: string,
  username: string,
  attributes: { Name: string; Value: string }[] = [],
  password = STRONG_PASSWORD,
): Promise<void> {
  await h.sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      UserAttributes: attributes,
      MessageAction: 'SUPPRESS',
    }),
  );
  await h.sdk.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: password,
      Permanent: true,
    }),
  );
}

/** USER_PASSWORD_AUTH; resolves to the AuthenticationResult. */
export async function passwordSignIn(
  h: Harness,
  clientId: string,
  username: string,
  password = STRONG_PASSWORD,
): Promise<{
  AccessToken: string;
  IdToken: string;
  RefreshToken: string;
  ExpiresIn: number;
  TokenType: string;
}> {
  const out = await h.sdk.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const r = out.AuthenticationResult;
  if (r?.AccessToken === undefined || r.IdToken === undefined || r.RefreshToken === undefined) {
    throw new Error(`sign-in returned no tokens: ${JSON.stringify(out)}`);
  }
  return {
    AccessToken: r.AccessToken,
    IdToken: r.IdToken,
    RefreshToken: r.RefreshToken,
    ExpiresIn: r.ExpiresIn ?? 0,
    TokenType: r.TokenType ?? '',
  };
}

/** The PASSWORD_VERIFIER challenge parameters of USER_SRP_AUTH. */
export interface SrpChallengeParameters {
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  USER_ID_FOR_SRP: string;
}

/** USER_SRP_AUTH's first step for `client`'s SRP_A; resolves to the PASSWORD_VERIFIER challenge parameters. */
export async function srpChallenge(
  h: Harness,
  clientId: string,
  username: string,
  client: SrpClient,
): Promise<SrpChallengeParameters> {
  const out = await h.sdk.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: username, SRP_A: client.srpA },
    }),
  );
  if (out.ChallengeName !== 'PASSWORD_VERIFIER') {
    throw new Error(`USER_SRP_AUTH answered ${JSON.stringify(out)}`);
  }
  return out.ChallengeParameters as unknown as SrpChallengeParameters;
}

/** POSTs a raw AWS JSON 1.1 request (for what the SDK would refuse to send). */
export async function rawCall(
  h: Harness,
  target: string | undefined,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const res = await fetch(`${h.server.url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      ...(target === undefined ? {} : { 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` }),
      ...headers,
    },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}
