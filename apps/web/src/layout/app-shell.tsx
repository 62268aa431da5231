import type { ReactNode } from 'react';
import { ADMIN_GROUP } from '../admin/admin-page.js';
import { useClient } from '../client/client-context.js';
import type { User } from '../client/client-types.js';
import { Link, navigate } from '../routing/router.js';

/** The header of signed-in pages: where to go, who is signed in, and `Sign out`. */
export function AppShell({ user, children }: { user: User; children: ReactNode }) {
  const client = useClient();
  const signOut = async () => {
    // The local session ends even if Cognito cannot be reached; nothing more to tell the user then.
    await client.signOut().catch(() => undefined);
    navigate('/sign-in');
  };
  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">Gatehouse notes</span>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link to="/notes">Notes</Link>
            </li>
            <li>
              <Link to="/profile">Profile</Link>
            </li>
            {user.groups.includes(ADMIN_GROUP) && (
              <li>
                <Link to="/admin">Admin</Link>
              </li>
            )}
          </ul>
        </nav>
        <span className="who">{user.email}</span>
        <button type="button" className="secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <div id="content">{children}</div>
    </>
  );
}
