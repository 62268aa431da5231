import type { GatehouseClient } from '@org/client';
import type { CliCommand } from './cli-command.js';
import { CliUsageError } from './cli-error.js';

/** What a command needs besides the client. */
export interface RunContext {
  /** The password for `signup`/`signin`, read only when the command needs one. */
  readonly password: () => Promise<string>;
  /** The confirmation code in the local stack's outbox (`confirm --from-outbox`). */
  readonly outboxCode: (email: string) => Promise<string>;
}

/**
 * Runs one command with the client and returns its result: the route's result for API commands, and a
 * small object saying what happened for the others (`signout`, `confirm`, `notes delete`, whose routes
 * return nothing).
 */
export async function runCommand(
  client: GatehouseClient,
  command: CliCommand,
  context: RunContext,
): Promise<unknown> {
  switch (command.kind) {
    case 'signup':
      return client.signUp({
        email: command.email,
        password: await context.password(),
        ...(command.name === undefined ? {} : { attributes: { name: command.name } }),
      });
    case 'confirm': {
      const code = command.code ?? (await context.outboxCode(command.email));
      await client.confirmSignUp({ username: command.email, code });
      return { confirmed: true, email: command.email };
    }
    case 'signin': {
      const result = await client.signIn({ username: command.email, password: await context.password() });
      if (result.status !== 'signed-in' && result.status !== 'new-password-required') {
        // MFA codes and sign-in choices are answered by apps with a form for them, not by this CLI yet.
        throw new CliUsageError(
          `this account signs in with another step (${result.status}), which the CLI does not answer; sign in through the web app`,
          'SIGN_IN_STEP_REQUIRED',
        );
      }
      if (result.status !== 'signed-in') {
        // The CLI does not set passwords; an account made by an administrator is finished elsewhere.
        throw new CliUsageError(
          'this account must set a new password first (sign in once through an app that asks for it)',
          'NEW_PASSWORD_REQUIRED',
        );
      }
      return result;
    }
    case 'signout':
      await client.signOut();
      return { signedOut: true };
    case 'whoami':
      return client.me.get();
    case 'notes list':
      return client.notes.list({
        ...(command.limit === undefined ? {} : { limit: command.limit }),
        ...(command.cursor === undefined ? {} : { cursor: command.cursor }),
      });
    case 'notes get':
      return client.notes.get({ noteId: command.noteId });
    case 'notes create':
      return client.notes.create({
        body: {
          title: command.title,
          tags: [...command.tags],
          ...(command.body === undefined ? {} : { body: command.body }),
        },
      });
    case 'notes update':
      return client.notes.update({
        noteId: command.noteId,
        body: {
          expectedVersion: command.expectedVersion,
          ...(command.title === undefined ? {} : { title: command.title }),
          ...(command.body === undefined ? {} : { body: command.body }),
          ...(command.tags === undefined ? {} : { tags: [...command.tags] }),
        },
      });
    case 'notes delete':
      await client.notes.delete({ noteId: command.noteId });
      return { deleted: true, noteId: command.noteId };
  }
}
