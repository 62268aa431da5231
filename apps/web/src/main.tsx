import { createClient, localStorageAdapter } from '@org/client/browser';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { ClientProvider } from './client/client-context.js';
import { loadWebConfig } from './config/web-config.js';
import { SessionProvider } from './session/session-context.js';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

try {
  const config = await loadWebConfig();
  // localStorage keeps the session across reloads; the client refreshes the tokens by itself. The managed login
  // page comes back to (and signs out to) the page's origin + `/`, the callback and sign-out URL registered
  // for the app (`http://localhost:5173/` in the dev stage).
  const client = createClient(config.client, { storage: localStorageAdapter(), timeoutMs: 15_000 });
  root.render(
    <StrictMode>
      <ClientProvider client={client} managedLogin={config.domainUrl !== undefined}>
        <SessionProvider>
          <App />
        </SessionProvider>
      </ClientProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <main className="card">
      <h1>Gatehouse notes cannot start</h1>
      <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
    </main>,
  );
}
