import {
  AccessDeniedError,
  ChallengeSessionExpiredError,
  CodeMismatchError,
  ForbiddenError,
  InvalidGrantError,
  NetworkError,
  NonceMismatchError,
  NoPendingChallengeError,
  PasswordPolicyError,
  ServerError,
  StateMismatchError,
  UsernameExistsError,
  ValidationError,
} from '@org/client/browser';
import { describe, expect, it } from 'vitest';
import { describeError, fieldOfPath } from '../../src/ui/describe-error.js';

describe('fieldOfPath', () => {
  it.each([
    ['body.title', 'title'],
    ['body.tags[2]', 'tags'],
    ['body.tags[2].x', 'tags'],
    ['body', undefined],
    ['query.limit', undefined],
  ])('maps %s to %s', (path, field) => {
    expect(fieldOfPath(path)).toBe(field);
  });
});

describe('describeError', () => {
  it('puts each ValidationError detail next to its field, the first reason per field', () => {
    const error = new ValidationError(400, {
      error: 'BadRequest',
      message: 'Invalid request',
      requestId: 'req-1',
      details: [
        { path: 'body.title', reason: 'must not be empty' },
        { path: 'body.tags[0]', reason: 'must be at most 32 characters' },
        { path: 'body.tags[1]', reason: 'must not be empty' },
      ],
    });
    expect(describeError(error)).toEqual({
      message: 'Please correct the fields marked below.',
      fields: { title: 'must not be empty', tags: 'must be at most 32 characters' },
    });
  });

  it('names details outside the body in the message', () => {
    const error = new ValidationError(400, {
      error: 'BadRequest',
      message: 'Invalid request',
      requestId: 'req-1',
      details: [{ path: 'query.limit', reason: 'must be at most 100' }],
    });
    expect(describeError(error).message).toBe('The request was refused: query.limit must be at most 100');
  });

  it.each([
    [
      new PasswordPolicyError('InvalidPasswordException', 'Password did not conform with policy: too short'),
      'password',
    ],
    [
      new UsernameExistsError('UsernameExistsException', 'An account with the given email already exists.'),
      'email',
    ],
    [
      new CodeMismatchError('CodeMismatchException', 'Invalid verification code provided, please try again.'),
      'code',
    ],
  ])('puts %s next to the %s field', (error, field) => {
    expect(Object.keys(describeError(error).fields)).toEqual([field]);
  });

  it.each([
    [new ForbiddenError(403, { message: 'Forbidden' } as never), /403 Forbidden/],
    [new NetworkError('fetch failed'), /cannot be reached/],
    [
      new ServerError(500, { error: 'InternalServerError', message: 'Internal error', requestId: 'req-9' }),
      /request req-9/,
    ],
    [new Error('boom'), /Something unexpected went wrong/],
    [
      new ChallengeSessionExpiredError(
        'NotAuthorizedException',
        'Invalid session for the user, session is expired.',
      ),
      /This sign-in has expired/,
    ],
    [new NoPendingChallengeError('There is no sign-in waiting for a code'), /This sign-in has expired/],
    [new AccessDeniedError('access_denied', undefined), /cancelled or refused/],
    [new StateMismatchError('state differs'), /stale or was started in another tab/],
    [new NonceMismatchError('nonce differs'), /stale or was started in another tab/],
    [new InvalidGrantError('invalid_grant', 'code used'), /refused the sign-in \(invalid_grant: code used\)/],
  ])('describes %s for people', (error, message) => {
    expect(describeError(error).message).toMatch(message);
  });

  it('never shows the text of an unknown error', () => {
    expect(describeError(new Error('secret internals')).message).not.toContain('secret internals');
  });
});
