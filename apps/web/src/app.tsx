import { AdminPage } from './admin/admin-page.js';
import { ConfirmPage } from './auth/confirm-page.js';
import { isManagedLoginCallback, ManagedLoginCallback } from './auth/managed-login-callback.js';
import { SignInPage } from './auth/sign-in-page.js';
import { SignUpPage } from './auth/sign-up-page.js';
import { AppShell } from './layout/app-shell.js';
import { NotePage } from './notes/note-page.js';
import { NotesPage } from './notes/notes-page.js';
import { ProfilePage } from './profile/profile-page.js';
import { Redirect, useLocation } from './routing/router.js';
import { useSession } from './session/session-context.js';
import { PageHeading } from './ui/page-heading.js';

const PUBLIC_PAGES: Record<string, () => React.JSX.Element> = {
  '/sign-in': SignInPage,
  '/sign-up': SignUpPage,
  '/confirm': ConfirmPage,
};

/** The page for a signed-in user's path, or `undefined` when there is none. */
function protectedPage(pathname: string): React.JSX.Element | undefined {
  if (pathname === '/notes') return <NotesPage />;
  const note = /^\/notes\/([0-9A-HJKMNP-TV-Z]{26})$/.exec(pathname);
  if (note?.[1]) return <NotePage key={note[1]} noteId={note[1]} />;
  if (pathname === '/profile') return <ProfilePage />;
  if (pathname === '/admin') return <AdminPage />;
  return undefined;
}

/** Routes by path: public pages for anyone, the rest only when signed in (else back to sign-in). */
export function App() {
  const { pathname, search } = useLocation();
  const { user } = useSession();
  if (user === undefined) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  // Before the redirects below: the managed login page's answer arrives at `/`, signed in or not.
  if (isManagedLoginCallback(pathname, search)) return <ManagedLoginCallback />;
  const Public = PUBLIC_PAGES[pathname];
  if (Public) {
    return user ? <Redirect to="/notes" /> : <Public key={pathname + search.toString()} />;
  }
  if (pathname === '/') return <Redirect to={user ? '/notes' : '/sign-in'} />;
  if (!user) return <Redirect to={`/sign-in?next=${encodeURIComponent(pathname)}`} />;
  const page = protectedPage(pathname);
  return (
    <AppShell user={user}>
      {page ?? (
        <main>
          <PageHeading>Page not found</PageHeading>
          <p>There is nothing at this address.</p>
        </main>
      )}
    </AppShell>
  );
}
