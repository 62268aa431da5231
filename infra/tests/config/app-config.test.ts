import { describe, expect, it } from 'vitest';
import { gatehouseStackName, parseAppConfig } from '../../src/config/app-config.js';
import { InfraConfigError } from '../../src/errors/infra-error.js';

describe('parseAppConfig', () => {
  it('defaults to the development stage, open to any origin, logging at DEBUG', () => {
    expect(parseAppConfig({})).toEqual({
      stage: 'dev',
      apiStageName: 'dev',
      corsAllowedOrigins: ['*'],
      logLevel: 'DEBUG',
      authDomainPrefix: 'gatehouse-dev',
      oauthCallbackUrls: ['http://localhost:5173/'],
      oauthLogoutUrls: ['http://localhost:5173/'],
      emailOtpSignIn: true,
      ses: undefined,
    });
  });

  it('reads the production stage with its origins and an INFO default log level', () => {
    expect(
      parseAppConfig({ stage: 'prod', corsAllowedOrigins: 'https://app.example.com, http://localhost:5173' }),
    ).toEqual({
      stage: 'prod',
      apiStageName: 'prod',
      corsAllowedOrigins: ['https://app.example.com', 'http://localhost:5173'],
      logLevel: 'INFO',
      authDomainPrefix: 'gatehouse-prod',
      oauthCallbackUrls: undefined,
      oauthLogoutUrls: undefined,
      emailOtpSignIn: false,
      ses: undefined,
    });
  });

  it.each([
    [
      { stage: 'prod', emailOtpSignIn: 'true', sesFromEmail: 'no-reply@example.com', sesRegion: 'eu-west-1' },
      true,
    ],
    [{ stage: 'prod', emailOtpSignIn: true }, true],
    [{ emailOtpSignIn: 'false' }, false],
    [{ emailOtpSignIn: false }, false],
  ])('reads emailOtpSignIn from %j as %s', (context, expected) => {
    expect(parseAppConfig(context).emailOtpSignIn).toBe(expected);
  });

  it('reads the SES sending identity', () => {
    expect(parseAppConfig({ sesFromEmail: 'no-reply@example.com', sesRegion: 'eu-west-1' }).ses).toEqual({
      fromEmail: 'no-reply@example.com',
      region: 'eu-west-1',
    });
  });

  it('accepts origins as a JSON array from cdk.json and an explicit stage name and log level', () => {
    expect(
      parseAppConfig({ corsAllowedOrigins: ['https://a.example.com'], apiStageName: 'v1', logLevel: 'WARN' }),
    ).toMatchObject({ corsAllowedOrigins: ['https://a.example.com'], apiStageName: 'v1', logLevel: 'WARN' });
  });

  it('admits the web dev server (http://localhost:5173) on the development stage by default', () => {
    expect(parseAppConfig({}).corsAllowedOrigins).toEqual(['*']);
  });

  it("leaves production's origins to the stack, which admits only its own web app", () => {
    expect(parseAppConfig({ stage: 'prod' }).corsAllowedOrigins).toBeUndefined();
  });

  it('reads the domain prefix and the redirect URLs, logout defaulting to the callbacks', () => {
    expect(
      parseAppConfig({
        stage: 'prod',
        authDomainPrefix: 'notes-example-1',
        oauthCallbackUrls: 'https://app.example.com/callback, https://app.example.com/',
      }),
    ).toMatchObject({
      authDomainPrefix: 'notes-example-1',
      oauthCallbackUrls: ['https://app.example.com/callback', 'https://app.example.com/'],
      oauthLogoutUrls: ['https://app.example.com/callback', 'https://app.example.com/'],
    });
    expect(
      parseAppConfig({
        oauthCallbackUrls: ['https://a.example.com/cb'],
        oauthLogoutUrls: ['https://a.example.com/'],
      }),
    ).toMatchObject({
      oauthCallbackUrls: ['https://a.example.com/cb'],
      oauthLogoutUrls: ['https://a.example.com/'],
    });
  });

  it("leaves production's redirect URLs to the stack, which uses its own web app", () => {
    expect(parseAppConfig({ stage: 'prod' }).oauthCallbackUrls).toBeUndefined();
  });

  it.each([
    [{ stage: 'staging' }, /^Invalid CDK context: stage /],
    [{ authDomainPrefix: 'Gatehouse' }, /authDomainPrefix must be 1 to 63 lower-case letters/],
    [{ authDomainPrefix: '-gatehouse' }, /authDomainPrefix must be 1 to 63 lower-case letters/],
    [{ authDomainPrefix: 'a'.repeat(64) }, /authDomainPrefix must be 1 to 63 lower-case letters/],
    [{ authDomainPrefix: 'my-cognito-app' }, /authDomainPrefix must not contain aws, amazon or cognito/],
    [{ oauthCallbackUrls: 'http://app.example.com/' }, /oauthCallbackUrls\.0 must be an https:\/\/ URL/],
    [{ oauthCallbackUrls: 'https://app.example.com/#x' }, /oauthCallbackUrls\.0 must be an https:\/\/ URL/],
    [{ oauthLogoutUrls: 'https://ok.example.com/,nope' }, /oauthLogoutUrls\.1 must be an https:\/\/ URL/],
    [{ oauthCallbackUrls: ' , ' }, /oauthCallbackUrls must name at least one URL/],
    [
      { corsAllowedOrigins: 'https://app.example.com/path' },
      /corsAllowedOrigins\.0 must be \* or an http\(s\) origin/,
    ],
    [{ corsAllowedOrigins: 'app.example.com' }, /corsAllowedOrigins\.0 must be \* or an http\(s\) origin/],
    [
      { corsAllowedOrigins: 'https://App.example.com' },
      /corsAllowedOrigins\.0 must be \* or an http\(s\) origin/,
    ],
    [
      { corsAllowedOrigins: 'https://ok.example.com,ftp://files.example.com' },
      /corsAllowedOrigins\.1 must be \* or an http\(s\) origin/,
    ],
    [
      { corsAllowedOrigins: '*,https://app.example.com' },
      /corsAllowedOrigins cannot mix \* with named origins/,
    ],
    [{ corsAllowedOrigins: ' , ' }, /corsAllowedOrigins must name at least one origin/],
    [{ apiStageName: 'v1/beta' }, /apiStageName must be 1 to 128 letters, digits, - or _/],
    [{ logLevel: 'verbose' }, /^Invalid CDK context: logLevel /],
    [{ emailOtpSignIn: 'yes' }, /^Invalid CDK context: emailOtpSignIn /],
    [
      { sesFromEmail: 'not-an-address', sesRegion: 'eu-west-1' },
      /sesFromEmail must be an email address verified in Amazon SES/,
    ],
    [{ sesFromEmail: 'no-reply@example.com' }, /sesRegion sesFromEmail and sesRegion go together/],
  ])('refuses %j, naming the value', (context, message) => {
    expect(() => parseAppConfig(context)).toThrow(InfraConfigError);
    expect(() => parseAppConfig(context)).toThrow(message);
  });
});

describe('gatehouseStackName', () => {
  it.each([
    ['dev', 'Gatehouse-dev'],
    ['prod', 'Gatehouse-prod'],
  ] as const)('names the %s stack %s', (stage, name) => {
    expect(gatehouseStackName(stage)).toBe(name);
  });
});
