import type { GatehouseClient } from '@org/client/browser';
import { createContext, type ReactNode, useContext } from 'react';

interface ClientContextValue {
  readonly client: GatehouseClient;
  readonly managedLogin: boolean;
}

const ClientContext = createContext<ClientContextValue | null>(null);

/**
 * Makes the app's one `@org/client` instance available to every page. `managedLogin` says whether the client
 * was given the user pool domain (`domainUrl`), i.e. whether `signInWithRedirect` has a page to go to.
 */
export function ClientProvider({
  client,
  managedLogin = false,
  children,
}: {
  client: GatehouseClient;
  managedLogin?: boolean;
  children: ReactNode;
}) {
  return <ClientContext.Provider value={{ client, managedLogin }}>{children}</ClientContext.Provider>;
}

function useClientContext(): ClientContextValue {
  const value = useContext(ClientContext);
  if (value === null) throw new Error('useClient must be used inside <ClientProvider>');
  return value;
}

/** The app's client; only inside {@link ClientProvider}. */
export function useClient(): GatehouseClient {
  return useClientContext().client;
}

/** Whether the managed login page (the user pool domain) is configured. */
export function useManagedLogin(): boolean {
  return useClientContext().managedLogin;
}
