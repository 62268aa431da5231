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
import {
  type CognitoServer,
  CognitoService,
  type CognitoServiceOptions,
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
