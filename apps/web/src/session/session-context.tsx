import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { useClient } from '../client/client-context.js';
import type { User } from '../client/client-types.js';

/** `undefined` while the stored session is being read. */
export interface Session {
  readonly user: User | null | undefined;
  /** A message for the sign-in page (why the user is there), cleared once shown. */
  readonly notice: string | undefined;
  setNotice(notice: string | undefined): void;
  /** Why a sign-in that ended elsewhere (the managed login page's callback) failed; shown as an error. */
  readonly signInError: string | undefined;
  setSignInError(error: string | undefined): void;
}

const SessionContext = createContext<Session | null>(null);

/** The message shown when the refresh token was refused (signed out elsewhere, revoked, expired). */
export const SESSION_EXPIRED_NOTICE = 'Your session has expired. Please sign in again.';

/**
 * Follows the client's session: the stored one at start-up (localStorage keeps it across reloads), then each
 * sign-in, silent refresh and sign-out the client reports.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [signInError, setSignInError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let active = true;
    const stop = client.onSessionChange((change) => {
      setUser(change.user);
      if (change.type === 'signed-out' && change.reason === 'session-expired')
        setNotice(SESSION_EXPIRED_NOTICE);
    });
    client.getCurrentUser().then(
      (current) => {
        if (active) setUser((known) => (known === undefined ? current : known));
      },
      () => {
        if (active) setUser(null);
      },
    );
    return () => {
      active = false;
      stop();
    };
  }, [client]);

  const value = useMemo<Session>(
    () => ({ user, notice, setNotice, signInError, setSignInError }),
    [user, notice, signInError],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session; only inside {@link SessionProvider}. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
