import { describe, expect, it } from 'vitest';
import { configFromOutputs } from '../../src/config/config-from-outputs.js';
import { ConfigError } from '../../src/errors/client-error.js';

const stack = {
  ApiUrl: 'http://127.0.0.1:3000/prod/',
  UserPoolId: 'us-east-1_AbC123xyz',
  UserPoolClientId: 'client123',
  Region: 'us-east-1',
  TableName: 'Notes',
};
const endpoints = {
  cognito: 'http://127.0.0.1:9229/',
  apigateway: 'http://127.0.0.1:3000/',
  dynamodb: 'http://127.0.0.1:8000/',
};

describe('configFromOutputs', () => {
  it('builds the config from a cdk outputs file and the local endpoints', () => {
    expect(configFromOutputs({ GatehouseStack: stack }, { endpoints })).toEqual({
      apiUrl: stack.ApiUrl,
      userPoolId: stack.UserPoolId,
      clientId: 'client123',
      region: 'us-east-1',
      cognitoEndpoint: 'http://127.0.0.1:9229/',
    });
  });

  it.each([
    ['the local stack', 'http://localhost:9229/gatehouse-dev'],
    ['AWS', 'https://gatehouse-prod.auth.eu-west-1.amazoncognito.com'],
  ])('reads the user pool domain of %s', (_, domainUrl) => {
    expect(configFromOutputs({ A: { ...stack, UserPoolDomainUrl: domainUrl } }).domainUrl).toBe(domainUrl);
    expect(
      configFromOutputs({ A: stack, B: { ...stack, UserPoolDomainUrl: domainUrl } }, 'B').domainUrl,
    ).toBe(domainUrl);
  });

  it('leaves the domain out for a stack without one, and refuses one that is not a URL', () => {
    expect(configFromOutputs({ GatehouseStack: stack })).not.toHaveProperty('domainUrl');
    expect(() => configFromOutputs({ A: { ...stack, UserPoolDomainUrl: 'nope' } })).toThrow(
      /UserPoolDomainUrl/,
    );
  });

  it('leaves the Cognito endpoint to AWS without endpoints.json', () => {
    expect(configFromOutputs({ GatehouseStack: stack })).not.toHaveProperty('cognitoEndpoint');
  });

  it('picks the named stack among several', () => {
    const other = { ...stack, UserPoolClientId: 'other' };
    expect(configFromOutputs({ A: stack, B: other }, { stackName: 'B' }).clientId).toBe('other');
    expect(configFromOutputs({ A: stack, B: other }, 'B').clientId).toBe('other');
  });

  it.each([
    {
      case: 'a missing output',
      outputs: { S: { ...stack, UserPoolId: undefined } },
      options: {},
      message: /UserPoolId is missing/,
    },
    {
      case: 'a bad pool id',
      outputs: { S: { ...stack, UserPoolId: 'local_x' } },
      options: {},
      message: /UserPoolId/,
    },
    {
      case: 'several stacks and no name',
      outputs: { A: stack, B: stack },
      options: {},
      message: /several stacks \(A, B\)/,
    },
    {
      case: 'an unknown stack',
      outputs: { A: stack },
      options: { stackName: 'Z' },
      message: /no stack named Z/,
    },
    { case: 'not an object', outputs: 'nope', options: {}, message: /JSON object/ },
    {
      case: 'endpoints without cognito',
      outputs: { A: stack },
      options: { endpoints: { ...endpoints, cognito: undefined } },
      message: /cognito/,
    },
  ])('names the problem with $case', ({ outputs, options, message }) => {
    expect(() => configFromOutputs(outputs, options)).toThrow(ConfigError);
    expect(() => configFromOutputs(outputs, options)).toThrow(message);
  });
});
