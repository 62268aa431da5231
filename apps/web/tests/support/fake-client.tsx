import type { GatehouseClient, SessionChange } from '@org/client/browser';
import { type RenderResult, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { App } from '../../src/app.js';
import { ClientProvider } from '../../src/client/client-context.js';
import type { Note, User } from '../../src/client/client-types.js';
import { SessionProvider } from '../../src/session/session-context.js';

/** The methods a page may call, each a mock the test can program; the network is the edge being faked. */
export interface FakeClient {
  readonly client: GatehouseClient;
  readonly mocks: {
    signUp: ReturnType<typeof vi.fn>;
    confirmSignUp: ReturnType<typeof vi.fn>;
    resendConfirmationCode: ReturnType<typeof vi.fn>;
    signIn: ReturnType<typeof vi.fn>;
    signInWithEmailCode: ReturnType<typeof vi.fn>;
    confirmSignIn: ReturnType<typeof vi.fn>;
    selectChallenge: ReturnType<typeof vi.fn>;
    signInWithRedirect: ReturnType<typeof vi.fn>;
    handleRedirectCallback: ReturnType<typeof vi.fn>;
    setUpTotp: ReturnType<typeof vi.fn>;
    verifyTotp: ReturnType<typeof vi.fn>;
    setMfaPreference: ReturnType<typeof vi.fn>;
    signOut: ReturnType<typeof vi.fn>;
    getCurrentUser: ReturnType<typeof vi.fn>;
    notesList: ReturnType<typeof vi.fn>;
    notesCreate: ReturnType<typeof vi.fn>;
    notesGet: ReturnType<typeof vi.fn>;
    notesUpdate: ReturnType<typeof vi.fn>;
    notesDelete: ReturnType<typeof vi.fn>;
    meGet: ReturnType<typeof vi.fn>;
    adminStats: ReturnType<typeof vi.fn>;
  };
  /** Tells the app's session listeners about a change, as the client does. */
  emit(change: SessionChange): void;
}

/** A signed-in user as the client reads it from the ID token. */
export function testUser(groups: string[] = []): User {
  return {
    sub: '1f2e3d4c-0000-4000-8000-000000000001',
    username: '1f2e3d4c-0000-4000-8000-000000000001',
    email: 'ana@example.com',
    emailVerified: true,
    groups,
    claims: {} as User['claims'],
  };
}

let noteCounter = 0;

/** A note as the API returns it. */
export function testNote(overrides: Partial<Note> = {}): Note {
  noteCounter += 1;
  return {
    noteId: `01J0000000000000000000${String(noteCounter).padStart(4, '0')}`,
    title: `Note ${noteCounter}`,
    body: '',
    tags: [],
    createdAt: '2026-11-30T08:00:00.000Z',
    updatedAt: '2026-11-30T08:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** A client whose every method is a mock; signed out unless `user` is given. */
export function fakeClient(user: User | null = null): FakeClient {
  const listeners = new Set<(change: SessionChange) => void>();
  const mocks = {
    signUp: vi.fn(),
    confirmSignUp: vi.fn(),
    resendConfirmationCode: vi.fn(),
    signIn: vi.fn(),
    signInWithEmailCode: vi.fn(),
    confirmSignIn: vi.fn(),
    selectChallenge: vi.fn(),
    signInWithRedirect: vi.fn(async () => undefined),
    handleRedirectCallback: vi.fn(),
    setUpTotp: vi.fn(),
    verifyTotp: vi.fn(async () => undefined),
    setMfaPreference: vi.fn(async () => undefined),
    signOut: vi.fn(async () => undefined),
    getCurrentUser: vi.fn(async () => user),
    notesList: vi.fn(async () => ({ items: [], nextCursor: null })),
    notesCreate: vi.fn(),
    notesGet: vi.fn(),
    notesUpdate: vi.fn(),
    notesDelete: vi.fn(async () => undefined),
    meGet: vi.fn(),
    adminStats: vi.fn(),
  };
  const client = {
    signUp: mocks.signUp,
    confirmSignUp: mocks.confirmSignUp,
    resendConfirmationCode: mocks.resendConfirmationCode,
    signIn: mocks.signIn,
    signInWithEmailCode: mocks.signInWithEmailCode,
    confirmSignIn: mocks.confirmSignIn,
    selectChallenge: mocks.selectChallenge,
    signInWithRedirect: mocks.signInWithRedirect,
    handleRedirectCallback: mocks.handleRedirectCallback,
    setUpTotp: mocks.setUpTotp,
    verifyTotp: mocks.verifyTotp,
    setMfaPreference: mocks.setMfaPreference,
    signOut: mocks.signOut,
    getCurrentUser: mocks.getCurrentUser,
    onSessionChange: (listener: (change: SessionChange) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notes: {
      list: mocks.notesList,
      create: mocks.notesCreate,
      get: mocks.notesGet,
      update: mocks.notesUpdate,
      delete: mocks.notesDelete,
    },
    me: { get: mocks.meGet },
    admin: { stats: mocks.adminStats },
  } as unknown as GatehouseClient;
  return {
    client,
    mocks,
    emit: (change) => {
      for (const listener of listeners) listener(change);
    },
  };
}

/** Makes a mock answer like the client's sign-in: tells the session listeners, then resolves `signed-in`. */
export function signsIn(fake: FakeClient, mock: ReturnType<typeof vi.fn>): void {
  mock.mockImplementation(async () => {
    fake.emit({ type: 'signed-in', user: testUser() });
    return { status: 'signed-in', user: testUser() };
  });
}

/**
 * Renders `ui` (the whole app by default) at `path` with the fake client; `managedLogin` says whether the config
 * named a user pool domain.
 */
export function renderApp(
  fake: FakeClient,
  path: string,
  ui: ReactNode = <App />,
  { managedLogin = false }: { managedLogin?: boolean } = {},
): RenderResult {
  window.history.replaceState(null, '', path);
  return render(
    <ClientProvider client={fake.client} managedLogin={managedLogin}>
      <SessionProvider>{ui}</SessionProvider>
    </ClientProvider>,
  );
}
