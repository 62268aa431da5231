import { describe, expect, it } from 'vitest';
import { formatResult } from '../src/format-result.js';

const note = {
  noteId: '01HZX3V5K8Q9R2S4T6W7Y8Z9AB',
  version: 2,
  title: 'Groceries',
  body: 'milk',
  tags: ['home'],
};

describe('formatResult', () => {
  it.each([
    {
      command: { kind: 'signup', email: 'ana@example.com' } as const,
      result: { userConfirmed: false, userSub: 's', codeDelivery: { destination: 'a***@e***' } },
      text: 'Signed up ana@example.com. A confirmation code was sent to a***@e***; confirm with: npm run cli -- confirm --email ana@example.com --code <code> (local stack: --from-outbox instead of --code)',
    },
    {
      command: { kind: 'whoami' } as const,
      result: { email: 'ana@example.com', displayName: 'Ana', sub: 's1', role: 'member' },
      text: 'ana@example.com (Ana), role member, sub s1',
    },
    {
      command: { kind: 'notes list' } as const,
      result: { items: [note], nextCursor: 'c2' },
      text: `${note.noteId}  v2  Groceries  [home]\nMore: npm run cli -- notes list --cursor c2`,
    },
    { command: { kind: 'notes list' } as const, result: { items: [], nextCursor: null }, text: 'No notes.' },
    {
      command: { kind: 'notes get', noteId: note.noteId } as const,
      result: note,
      text: `${note.noteId}  v2  Groceries  [home]\n\nmilk`,
    },
    {
      command: { kind: 'notes delete', noteId: note.noteId } as const,
      result: { deleted: true },
      text: `Deleted ${note.noteId}.`,
    },
  ])('prints $command.kind for a person', ({ command, result, text }) => {
    expect(formatResult(command, result)).toBe(text);
  });
});
