import { randomBytes, randomUUID } from 'node:crypto';
import {
  base64ToBytes,
  bytesToBase64,
  concatBytes,
  hashToInt,
  hexToInt,
  hmacSha256,
  intToBytes,
  modPow,
  SRP_G,
  SRP_N,
  sha256,
  utf8,
} from '../../src/srp/srp-math.js';
import { FakeChallenges } from './fake-challenges.js';
import { CognitoFault, type FakeUser as User } from './fake-cognito-user.js';
import { fakeJwt } from './fake-jwt.js';

export { EMAIL_OTP_CODE } from './fake-challenges.js';

/**
 * Cognito at the HTTP edge, for unit tests: answers the AWS JSON 1.1 operations the client sends with
 * Cognito's shapes and exception names. The integration tests run against the real local emulator.
 */
export const USER_POOL_ID = 'us-east-1_TestPool1';
export const CLIENT_ID = 'testclient123';
const POOL_NAME = 'TestPool1';
const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${USER_POOL_ID}`;

interface SrpState {
  username: string;
  largeA: bigint;
  b: bigint;
  largeB: bigint;
  salt: bigint;
}

export interface FakeCognitoOptions {
  /** Access token lifetime in seconds. */
  accessTokenSeconds?: number;
  /** The pool's MfaConfiguration. */
  mfa?: 'OFF' | 'OPTIONAL' | 'ON';
  /** The server clock in ms (defaults to the real clock). */
  now?: () => number;
}

export class FakeCognito {
  readonly users = new Map<string, User>();
  readonly calls: { operation: string; body: Record<string, unknown>; headers: Record<string, string> }[] =
    [];
  readonly revokedRefreshTokens = new Set<string>();
  readonly refreshTokens = new Map<string, string>();
  accessTokenSeconds: number;
  mfa: 'OFF' | 'OPTIONAL' | 'ON';
  now: () => number;
  readonly #challenges: FakeChallenges = new FakeChallenges({
    now: () => this.now(),
    mfa: () => this.mfa,
    user: (name) => this.#user(name),
    tokens: (user) => this.#tokens(user),
    signedIn: (user) => this.#signedIn(user),
    startSrp: (user, srpA) =>
      this.#operation('InitiateAuth', {
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: user.username, SRP_A: srpA },
      }),
  });
  /** Makes the next refreshes wait for this promise (to test concurrency); see `holdRefreshes`. */
  refreshGate: Promise<void> | undefined;
  #refreshArrived: (() => void) | undefined;
  readonly #srp = new Map<string, SrpState>();

  constructor(options: FakeCognitoOptions = {}) {
    this.accessTokenSeconds = options.accessTokenSeconds ?? 3600;
    this.mfa = options.mfa ?? 'OPTIONAL';
    this.now = options.now ?? Date.now;
  }

  /**
   * Holds every refresh until `release()`. `arrived` settles when the first refresh request is waiting, so a
   * test acts while a refresh is in flight on that event rather than after a guessed delay.
   */
  holdRefreshes(): { arrived: Promise<void>; release: () => void } {
    let release: () => void = () => {};
    this.refreshGate = new Promise((resolve) => {
      release = resolve;
    });
    const arrived = new Promise<void>((resolve) => {
      this.#refreshArrived = resolve;
    });
    return { arrived, release };
  }

  addUser(
    email: string,
    password: string,
    options: { confirmed?: boolean; mustChangePassword?: boolean } = {},
  ): User {
    const sub = randomUUID();
    const user: User = {
      username: sub,
      sub,
      password,
      email,
      confirmed: options.confirmed ?? true,
      code: undefined,
      mustChangePassword: options.mustChangePassword ?? false,
      pendingTotpSecret: undefined,
      totpSecret: undefined,
      totpEnabled: false,
      selectMfa: false,
      emailOtp: true,
    };
    this.users.set(email, user);
    return user;
  }

  count(operation: string): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  /** A `fetch` that serves the Cognito endpoint. */
  readonly fetch: typeof fetch = async (_input, init) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const target = headers['x-amz-target'] ?? '';
    const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>;
    const { status, payload } = await this.handle(target, body, headers);
    return new Response(JSON.stringify(payload), {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
    });
  };

  async handle(
    target: string,
    body: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<{ status: number; payload: unknown }> {
    const operation = target.replace('AWSCognitoIdentityProviderService.', '');
    this.calls.push({ operation, body, headers });
    try {
      if (body.ClientId !== undefined && body.ClientId !== CLIENT_ID) {
        throw new CognitoFault('ResourceNotFoundException', 'User pool client does not exist.');
      }
      return { status: 200, payload: await this.#operation(operation, body) };
    } catch (error) {
      if (error instanceof CognitoFault)
        return { status: 400, payload: { __type: error.type, message: error.message } };
      throw error;
    }
  }

  #user(username: unknown): User {
    const user = [...this.users.values()].find((u) => u.email === username || u.username === username);
    if (!user) throw new CognitoFault('UserNotFoundException', 'User does not exist.');
    return user;
  }

  #tokens(user: User, refreshToken?: string) {
    const iat = Math.floor(this.now() / 1000);
    const common = {
      sub: user.sub,
      iss: ISSUER,
      auth_time: iat,
      iat,
      exp: iat + this.accessTokenSeconds,
      jti: randomUUID(),
      origin_jti: randomUUID(),
    };
    const result: Record<string, unknown> = {
      AccessToken: fakeJwt({
        ...common,
        token_use: 'access',
        client_id: CLIENT_ID,
        scope: 'aws.cognito.signin.user.admin',
        username: user.username,
      }),
      IdToken: fakeJwt({
        ...common,
        token_use: 'id',
        aud: CLIENT_ID,
        'cognito:username': user.username,
        email: user.email,
        email_verified: true,
      }),
      ExpiresIn: this.accessTokenSeconds,
      TokenType: 'Bearer',
    };
    if (!refreshToken) {
      const token = `refresh-${randomUUID()}`;
      this.refreshTokens.set(token, user.username);
      result.RefreshToken = token;
    }
    return { ChallengeParameters: {}, AuthenticationResult: result };
  }

  #signedIn(user: User, session?: string): unknown {
    if (user.mustChangePassword) {
      return {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: session ?? `session-${randomUUID()}`,
        ChallengeParameters: {
          USER_ID_FOR_SRP: user.username,
          requiredAttributes: JSON.stringify(['userAttributes.name']),
          userAttributes: JSON.stringify({ email: user.email }),
        },
      };
    }
    return this.#challenges.secondFactor(user);
  }

  async #operation(operation: string, body: Record<string, unknown>): Promise<unknown> {
    const params = (body.AuthParameters ?? body.ChallengeResponses ?? {}) as Record<string, string>;
    switch (operation) {
      case 'SignUp': {
        const email = String(body.Username);
        if (this.users.has(email)) throw new CognitoFault('UsernameExistsException', 'User already exists');
        if (String(body.Password).length < 8) {
          throw new CognitoFault(
            'InvalidPasswordException',
            'Password did not conform with policy: Password not long enough',
          );
        }
        const user = this.addUser(email, String(body.Password), { confirmed: false });
        user.code = '123456';
        return {
          UserConfirmed: false,
          UserSub: user.sub,
          CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' },
        };
      }
      case 'ConfirmSignUp': {
        const user = this.#user(body.Username);
        if (body.ConfirmationCode !== user.code) {
          throw new CognitoFault(
            'CodeMismatchException',
            'Invalid verification code provided, please try again.',
          );
        }
        user.confirmed = true;
        return {};
      }
      case 'InitiateAuth': {
        if (body.AuthFlow === 'REFRESH_TOKEN_AUTH') {
          this.#refreshArrived?.();
          await this.refreshGate;
          const token = params.REFRESH_TOKEN ?? '';
          const username = this.refreshTokens.get(token);
          if (!username || this.revokedRefreshTokens.has(token)) {
            throw new CognitoFault('NotAuthorizedException', 'Refresh Token has been revoked');
          }
          return this.#tokens(this.#user(username), token);
        }
        const user = this.#user(params.USERNAME);
        if (!user.confirmed) throw new CognitoFault('UserNotConfirmedException', 'User is not confirmed.');
        if (body.AuthFlow === 'USER_PASSWORD_AUTH') {
          if (params.PASSWORD !== user.password) {
            throw new CognitoFault('NotAuthorizedException', 'Incorrect username or password.');
          }
          return this.#signedIn(user);
        }
        if (body.AuthFlow === 'USER_SRP_AUTH') {
          const largeA = hexToInt(params.SRP_A ?? '');
          const salt = hexToInt(randomBytes(16).toString('hex'));
          const x = await this.#x(user, salt);
          const k = await hashToInt(concatBytes(intToBytes(SRP_N), intToBytes(SRP_G)));
          const b = hexToInt(randomBytes(128).toString('hex'));
          const largeB = (k * modPow(SRP_G, x, SRP_N) + modPow(SRP_G, b, SRP_N)) % SRP_N;
          const secretBlock = randomBytes(64).toString('base64');
          this.#srp.set(secretBlock, { username: user.username, largeA, b, largeB, salt });
          return {
            ChallengeName: 'PASSWORD_VERIFIER',
            ChallengeParameters: {
              SALT: salt.toString(16),
              SECRET_BLOCK: secretBlock,
              SRP_B: largeB.toString(16),
              USERNAME: user.username,
              USER_ID_FOR_SRP: user.username,
            },
          };
        }
        if (body.AuthFlow === 'USER_AUTH') return this.#challenges.userAuth(user, params.PREFERRED_CHALLENGE);
        throw new CognitoFault('InvalidParameterException', 'Unsupported flow');
      }
      case 'RespondToAuthChallenge': {
        const answered = await this.#challenges.respond(body, params);
        if (answered !== undefined) return answered;
        if (body.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
          const user = this.#user(params.USERNAME);
          if (!params['userAttributes.name']) {
            throw new CognitoFault('InvalidParameterException', 'Missing required attribute name');
          }
          user.password = params.NEW_PASSWORD ?? '';
          user.mustChangePassword = false;
          return this.#tokens(user);
        }
        const state = this.#srp.get(params.PASSWORD_CLAIM_SECRET_BLOCK ?? '');
        if (!state || state.username !== params.USERNAME) {
          throw new CognitoFault('NotAuthorizedException', 'Incorrect username or password.');
        }
        this.#srp.delete(params.PASSWORD_CLAIM_SECRET_BLOCK ?? '');
        const user = this.#user(state.username);
        const x = await this.#x(user, state.salt);
        const v = modPow(SRP_G, x, SRP_N);
        const u = await hashToInt(concatBytes(intToBytes(state.largeA), intToBytes(state.largeB)));
        const s = modPow(state.largeA * modPow(v, u, SRP_N), state.b, SRP_N);
        const prk = await hmacSha256(intToBytes(u), intToBytes(s));
        const key = (
          await hmacSha256(prk, concatBytes(utf8('Caldera Derived Key'), new Uint8Array([1])))
        ).slice(0, 16);
        const expected = await hmacSha256(
          key,
          concatBytes(
            utf8(POOL_NAME),
            utf8(state.username),
            base64ToBytes(params.PASSWORD_CLAIM_SECRET_BLOCK ?? ''),
            utf8(params.TIMESTAMP ?? ''),
          ),
        );
        if (bytesToBase64(expected) !== params.PASSWORD_CLAIM_SIGNATURE) {
          throw new CognitoFault('NotAuthorizedException', 'Incorrect username or password.');
        }
        return this.#signedIn(user);
      }
      case 'RevokeToken': {
        const token = String(body.Token);
        if (!this.refreshTokens.has(token)) throw new CognitoFault('UnauthorizedException', 'Invalid token');
        this.revokedRefreshTokens.add(token);
        return {};
      }
      case 'GlobalSignOut': {
        for (const token of this.refreshTokens.keys()) this.revokedRefreshTokens.add(token);
        return {};
      }
      case 'ForgotPassword': {
        const user = this.#user(body.Username);
        user.code = '654321';
        return {
          CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' },
        };
      }
      case 'ConfirmForgotPassword': {
        const user = this.#user(body.Username);
        if (body.ConfirmationCode !== user.code) {
          throw new CognitoFault(
            'CodeMismatchException',
            'Invalid verification code provided, please try again.',
          );
        }
        user.password = String(body.Password);
        return {};
      }
      case 'AssociateSoftwareToken':
      case 'VerifySoftwareToken':
      case 'SetUserMFAPreference':
        return this.#challenges.operation(operation, body);
      case 'ChangePassword': {
        const user = this.#challenges.accessTokenUser(body);
        if (body.PreviousPassword !== user.password) {
          throw new CognitoFault('NotAuthorizedException', 'Incorrect username or password.');
        }
        user.password = String(body.ProposedPassword);
        return {};
      }
      default:
        throw new CognitoFault('UnknownOperationException', `Unknown operation ${operation}`);
    }
  }

  async #x(user: User, salt: bigint): Promise<bigint> {
    const identity = await sha256(utf8(`${POOL_NAME}${user.username}:${user.password}`));
    return hashToInt(concatBytes(intToBytes(salt), identity));
  }
}
