import { describe, expect, it } from 'vitest';
import { NotAuthorizedError } from '../../src/auth/auth-errors.js';
import { sdkCognitoTransport } from '../../src/cognito/sdk-cognito-transport.js';
import { NetworkError } from '../../src/errors/client-error.js';
import { FakeCognito } from '../support/fake-cognito.js';
import { fakeRequestHandler } from '../support/sdk-request-handler.js';

describe('sdkCognitoTransport', () => {
  it('sends the operation through the official SDK with its wire format', async () => {
    const cognito = new FakeCognito();
    const transport = sdkCognitoTransport('us-east-1', {
      endpoint: 'http://127.0.0.1:9229/',
      clientConfig: { requestHandler: fakeRequestHandler(cognito) },
    });

    const output = await transport.send('SignUp', {
      ClientId: 'testclient123',
      Username: 'a@example.com',
      Password: 'long-enough-1',
    });

    expect(output.UserSub).toEqual(expect.any(String));
    expect(cognito.calls[0]).toMatchObject({
      operation: 'SignUp',
      headers: {
        'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp',
        'content-type': 'application/x-amz-json-1.1',
      },
    });
  });

  it('turns a Cognito exception into the typed error with its reason', async () => {
    const cognito = new FakeCognito();
    cognito.addUser('a@example.com', 'Password-123');
    const transport = sdkCognitoTransport('us-east-1', {
      clientConfig: { requestHandler: fakeRequestHandler(cognito) },
    });

    const error = await transport
      .send('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: 'testclient123',
        AuthParameters: { USERNAME: 'a@example.com', PASSWORD: 'wrong' },
      })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotAuthorizedError);
    expect(error).toMatchObject({
      message: 'Incorrect username or password.',
      cognitoType: 'NotAuthorizedException',
    });
  });

  it('reports an unreachable endpoint as NetworkError', async () => {
    const transport = sdkCognitoTransport('us-east-1', {
      clientConfig: {
        maxAttempts: 1,
        requestHandler: {
          handle: async () => {
            throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
          },
        },
      },
    });

    await expect(transport.send('ForgotPassword', { ClientId: 'c', Username: 'u' })).rejects.toBeInstanceOf(
      NetworkError,
    );
  });
});
