import { describe, expect, it } from 'vitest';
import { NotAuthorizedError, TooManyAttemptsError } from '../../src/auth/auth-errors.js';
import { fetchCognitoTransport } from '../../src/cognito/fetch-cognito-transport.js';
import { NetworkError } from '../../src/errors/client-error.js';
import { fakeApi } from '../support/fake-api.js';

describe('fetchCognitoTransport', () => {
  it('speaks AWS JSON 1.1 to the endpoint override', async () => {
    const edge = fakeApi(new Response('{"CodeDeliveryDetails":{"DeliveryMedium":"EMAIL"}}', { status: 200 }));
    const cognito = fetchCognitoTransport('eu-west-1', {
      endpoint: 'http://127.0.0.1:9229/',
      fetch: edge.fetch,
    });

    const output = await cognito.send('ForgotPassword', { ClientId: 'c', Username: 'u' });

    expect(output).toEqual({ CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' } });
    expect(edge.requests[0]).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:9229/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.ForgotPassword',
      },
      body: '{"ClientId":"c","Username":"u"}',
    });
  });

  it('calls the regional AWS endpoint without an override', async () => {
    const edge = fakeApi(new Response('{}', { status: 200 }));
    await fetchCognitoTransport('eu-west-1', { fetch: edge.fetch }).send('RevokeToken', {
      Token: 't',
      ClientId: 'c',
    });
    expect(edge.requests[0]?.url).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
  });

  it.each([
    {
      case: '__type in the body',
      body: '{"__type":"NotAuthorizedException","message":"Incorrect username or password."}',
      headers: {},
      error: NotAuthorizedError,
    },
    {
      case: 'a namespaced __type',
      body: '{"__type":"com.amazonaws#TooManyRequestsException","message":"Slow down"}',
      headers: {},
      error: TooManyAttemptsError,
    },
    {
      case: 'only the x-amzn-ErrorType header',
      body: '',
      headers: { 'x-amzn-ErrorType': 'NotAuthorizedException:' },
      error: NotAuthorizedError,
    },
  ])('reads Cognito errors from $case', async ({ body, headers, error }) => {
    const edge = fakeApi(new Response(body, { status: 400, headers }));
    const cognito = fetchCognitoTransport('us-east-1', { fetch: edge.fetch });

    await expect(
      cognito.send('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 'c' }),
    ).rejects.toBeInstanceOf(error);
  });

  it('reports a failed connection as NetworkError', async () => {
    const edge = fakeApi(new TypeError('fetch failed'));
    await expect(
      fetchCognitoTransport('us-east-1', { fetch: edge.fetch }).send('SignUp', {
        ClientId: 'c',
        Username: 'u',
      }),
    ).rejects.toBeInstanceOf(NetworkError);
  });
});
