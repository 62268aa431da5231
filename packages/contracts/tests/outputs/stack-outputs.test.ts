import { describe, expect, it } from 'vitest';
import { LocalEndpointsSchema, parseOutputsFile, StackOutputsError } from '../../src/index.js';

const outputs = {
  ApiUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/dev/',
  UserPoolId: 'us-east-1_AbC123xyz',
  UserPoolClientId: '3nkoep4151b7umeggnottc30u9',
  Region: 'us-east-1',
  TableName: 'Gatehouse-dev-Notes',
};

describe('parseOutputsFile', () => {
  it('reads the only stack of a cdk deploy --outputs-file document', () => {
    expect(parseOutputsFile({ 'Gatehouse-dev': outputs })).toEqual(outputs);
  });

  it("reads the web app's URL when the stack has one", () => {
    const withWeb = { ...outputs, WebUrl: 'https://d111111abcdef8.cloudfront.net/' };
    expect(parseOutputsFile({ 'Gatehouse-dev': withWeb })).toEqual(withWeb);
  });

  it('reads the user pool domain and the service client when the stack has them', () => {
    const withOAuth = {
      ...outputs,
      UserPoolDomainUrl: 'https://gatehouse-dev.auth.us-east-1.amazoncognito.com',
      ServiceClientId: '1example23456789abcdefghij',
    };
    expect(parseOutputsFile({ 'Gatehouse-dev': withOAuth })).toEqual(withOAuth);
  });

  it('ignores outputs it does not know', () => {
    expect(parseOutputsFile({ 'Gatehouse-dev': { ...outputs, Extra: 'x' } })).toEqual(outputs);
  });

  it('picks the named stack when the file holds several', () => {
    const other = { ...outputs, Region: 'eu-west-1', UserPoolId: 'eu-west-1_Xyz' };
    expect(parseOutputsFile({ 'Gatehouse-dev': outputs, 'Gatehouse-prod': other }, 'Gatehouse-prod')).toEqual(
      other,
    );
  });

  it.each([
    ['several stacks and no name', { a: outputs, b: outputs }, undefined, /several stacks \(a, b\)/],
    ['no stacks', {}, undefined, /no stacks/],
    ['an unknown stack name', { a: outputs }, 'b', /no stack named b \(it has: a\)/],
    ['the stack name constructor', { a: outputs }, 'constructor', /no stack named constructor \(it has: a\)/],
    ['the stack name __proto__', { a: outputs }, '__proto__', /no stack named __proto__ \(it has: a\)/],
    ['the stack name toString', { a: outputs }, 'toString', /no stack named toString \(it has: a\)/],
    ['a file that is not an object', ['x'], undefined, /JSON object/],
    ['a missing output', { a: { ...outputs, UserPoolId: undefined } }, undefined, /UserPoolId is missing/],
    [
      'a malformed pool id',
      { a: { ...outputs, UserPoolId: 'local_pool' } },
      undefined,
      /UserPoolId must be a Cognito/,
    ],
    ['a malformed region', { a: { ...outputs, Region: 'mars' } }, undefined, /Region must be an AWS region/],
    ['an API URL that is not a URL', { a: { ...outputs, ApiUrl: 'nope' } }, undefined, /ApiUrl/],
    ['a web URL that is not a URL', { a: { ...outputs, WebUrl: 'nope' } }, undefined, /WebUrl/],
    [
      'a domain URL that is not a URL',
      { a: { ...outputs, UserPoolDomainUrl: 'gatehouse-dev' } },
      undefined,
      /UserPoolDomainUrl/,
    ],
  ])('names what is wrong with %s', (_case, document, stackName, message) => {
    expect(() => parseOutputsFile(document, stackName)).toThrow(StackOutputsError);
    expect(() => parseOutputsFile(document, stackName)).toThrow(message);
  });
});

describe('LocalEndpointsSchema', () => {
  it('requires every local service URL', () => {
    expect(LocalEndpointsSchema.safeParse({ cognito: 'http://127.0.0.1:9229' }).success).toBe(false);
    expect(
      LocalEndpointsSchema.parse({
        cognito: 'http://127.0.0.1:9229',
        apigateway: 'http://127.0.0.1:3000',
        dynamodb: 'http://127.0.0.1:8000',
      }).cognito,
    ).toBe('http://127.0.0.1:9229');
  });

  it("keeps the web dev server's URL that npm run dev adds", () => {
    const endpoints = {
      cognito: 'http://127.0.0.1:9229',
      apigateway: 'http://127.0.0.1:3000',
      dynamodb: 'http://127.0.0.1:8000',
      web: 'http://localhost:5173/',
    };
    expect(LocalEndpointsSchema.parse(endpoints)).toEqual(endpoints);
  });
});
