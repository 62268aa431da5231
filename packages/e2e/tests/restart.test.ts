import { NoteSchema, ProfileSchema } from '@org/contracts';
import { describe, expect, it } from 'vitest';
import { callApi, newSignedInUser, signIn, useLocalStack } from './support/local-stack.js';

const env = useLocalStack();

describe('a stack restart on the same state directory', () => {
  it('keeps the pool, the client, the users, their tokens and their notes', async () => {
    const user = await newSignedInUser(env());
    const created = await callApi(env(), 'notes', {
      method: 'POST',
      token: user.tokens.accessToken,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Survives restarts' }),
    });
    const note = NoteSchema.parse(created.json());
    const before = { ...env().outputs };

    await env().restart();

    const after = env().outputs;
    expect(after.UserPoolId).toBe(before.UserPoolId);
    expect(after.UserPoolClientId).toBe(before.UserPoolClientId);
    expect(after.TableName).toBe(before.TableName);
    // The pool's keys are kept, so a token issued before the restart still verifies.
    const again = await callApi(env(), `notes/${note.noteId}`, { token: user.tokens.accessToken });
    expect(again.status).toBe(200);
    expect(NoteSchema.parse(again.json())).toEqual(note);
    // The user can still sign in with the same password.
    const tokens = await signIn(env(), user);
    const me = await callApi(env(), 'me', { token: tokens.accessToken });
    expect(ProfileSchema.parse(me.json()).sub).toBe(user.sub);
  });
});
