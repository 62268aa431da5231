import type { GatehouseClient } from '@org/client/browser';
import { createContext, type ReactNode, useContext } from 'react';

const ClientContext = createContext<GatehouseClient | null>(null);

/** Makes the app's one `@org/client` instance available to every page. */
export function ClientProvider({ client, children }: { client: GatehouseClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The app's client; only inside {@link ClientProvider}. */
export function useClient(): GatehouseClient {
  const client = useContext(ClientContext);
  if (client === null) throw new Error('useClient must be used inside <ClientProvider>');
  return client;
}
