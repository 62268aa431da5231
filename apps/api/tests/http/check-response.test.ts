import { apiContract } from '@org/contracts';
import { describe, expect, it } from 'vitest';
import { ResponseContractError } from '../../src/errors/api-error.js';
import { checkResponse } from '../../src/http/check-response.js';

const note = {
  noteId: '01J0ABCDEFGHJKMNPQRSTVWXYZ',
  title: 't',
  body: '',
  tags: [],
  createdAt: '2024-06-17T15:00:04.000Z',
  updatedAt: '2024-06-17T15:00:04.000Z',
  version: 1,
};

describe('checkResponse', () => {
  it.each([
    [apiContract.notes.get, 200, note],
    [apiContract.notes.delete, 204, undefined],
    [apiContract.notes.update, 409, { error: 'Conflict', message: 'm', requestId: 'r' }],
    [apiContract.me.get, 401, { message: 'Unauthorized' }],
  ])('accepts a declared response (%#)', (route, status, body) => {
    expect(() => checkResponse(route, status, body)).not.toThrow();
  });

  it.each([
    [
      'an undeclared status',
      apiContract.system.health,
      404,
      { error: 'NotFound', message: 'm', requestId: 'r' },
    ],
    ['a body missing a field', apiContract.notes.get, 200, { ...note, version: undefined }],
    ['a body of the wrong type', apiContract.notes.get, 200, { ...note, version: '1' }],
    ['a body on a 204', apiContract.notes.delete, 204, {}],
    [
      'an envelope of another status',
      apiContract.notes.get,
      404,
      { error: 'Conflict', message: 'm', requestId: 'r' },
    ],
  ])('refuses %s', (_what, route, status, body) => {
    expect(() => checkResponse(route, status, body)).toThrow(ResponseContractError);
  });
});
