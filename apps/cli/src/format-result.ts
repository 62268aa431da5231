import type { CliCommand } from './cli-command.js';

interface NoteLike {
  readonly noteId: string;
  readonly version: number;
  readonly title: string;
  readonly body?: string;
  readonly tags?: readonly string[];
  readonly updatedAt?: string;
}

function noteLine(note: NoteLike): string {
  const tags = note.tags && note.tags.length > 0 ? `  [${note.tags.join(', ')}]` : '';
  return `${note.noteId}  v${note.version}  ${note.title}${tags}`;
}

/**
 * The result of a command for a person to read (`--json` prints the result itself instead). `result` is
 * what `runCommand` returned for `command`.
 */
export function formatResult(command: CliCommand, result: unknown): string {
  switch (command.kind) {
    case 'signup': {
      const { userConfirmed, codeDelivery } = result as {
        userConfirmed: boolean;
        codeDelivery?: { destination?: string };
      };
      if (userConfirmed) return `Signed up ${command.email}; the account is confirmed.`;
      const to = codeDelivery?.destination ? ` to ${codeDelivery.destination}` : '';
      return `Signed up ${command.email}. A confirmation code was sent${to}; confirm with: npm run cli -- confirm --email ${command.email} --code <code> (local stack: --from-outbox instead of --code)`;
    }
    case 'confirm':
      return `Confirmed ${command.email}; sign in with: npm run cli -- signin --email ${command.email}`;
    case 'signin': {
      const { user } = result as { user: { email?: string; sub: string } };
      return `Signed in as ${user.email ?? user.sub}.`;
    }
    case 'signout':
      return 'Signed out.';
    case 'whoami': {
      const me = result as { email: string | null; displayName: string | null; sub: string; role: string };
      const name = me.displayName ? ` (${me.displayName})` : '';
      return `${me.email ?? me.sub}${name}, role ${me.role}, sub ${me.sub}`;
    }
    case 'notes list': {
      const page = result as { items: readonly NoteLike[]; nextCursor: string | null };
      const lines = page.items.length === 0 ? ['No notes.'] : page.items.map(noteLine);
      if (page.nextCursor !== null) lines.push(`More: npm run cli -- notes list --cursor ${page.nextCursor}`);
      return lines.join('\n');
    }
    case 'notes get':
    case 'notes create':
    case 'notes update': {
      const note = result as NoteLike;
      return note.body ? `${noteLine(note)}\n\n${note.body}` : noteLine(note);
    }
    case 'notes delete':
      return `Deleted ${command.noteId}.`;
  }
}
