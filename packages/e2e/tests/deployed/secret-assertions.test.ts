import { describe, expect, it } from 'vitest';
import { expectDifferentSecret, expectRefused } from '../../tests-deployed/support/secret-assertions.js';

const TOKEN = 'eyJraWQiOiJsaXZlLXRva2VuIn0.secret-payload.signature';

/** The failure message an assertion throws, or undefined when it passed. */
async function failureOf(check: () => unknown): Promise<string | undefined> {
  try {
    await check();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('secret assertions', () => {
  it('passes when the secret changed, and fails without printing it when it did not', async () => {
    expect(await failureOf(() => expectDifferentSecret(`${TOKEN}x`, TOKEN, 'access token'))).toBeUndefined();
    const message = await failureOf(() => expectDifferentSecret(TOKEN, TOKEN, 'access token'));
    expect(message).toContain('access token');
    expect(message).not.toContain('secret-payload');
  });

  it('passes when the attempt is refused with the expected error', async () => {
    const refused = Object.assign(new Error('Refresh Token has been revoked'), {
      name: 'NotAuthorizedException',
    });
    expect(
      await failureOf(() => expectRefused(Promise.reject(refused), 'NotAuthorizedException', 'refresh')),
    ).toBe(undefined);
  });

  it.each([
    [
      'succeeds with fresh tokens',
      () => Promise.resolve({ AuthenticationResult: { AccessToken: TOKEN } }),
      'succeeded',
    ],
    [
      'fails otherwise',
      () => Promise.reject(Object.assign(new Error(TOKEN), { name: 'TypeError' })),
      'TypeError',
    ],
  ])('fails without printing a token when the attempt %s', async (_case, attempt, says) => {
    const message = await failureOf(() => expectRefused(attempt(), 'NotAuthorizedException', 'refresh'));
    expect(message).toContain(says);
    expect(message).not.toContain('secret-payload');
  });
});
