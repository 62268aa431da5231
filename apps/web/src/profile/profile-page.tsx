import { useClient } from '../client/client-context.js';
import { ErrorAlert } from '../ui/error-alert.js';
import { PageHeading } from '../ui/page-heading.js';
import { useLoaded } from '../ui/use-loaded.js';
import { AuthenticatorSection } from './authenticator-section.js';

/** The caller as the API sees them (`GET /me`, read from the verified token), and their authenticator app. */
export function ProfilePage() {
  const client = useClient();
  const { value: profile, load } = useLoaded(() => client.me.get());
  return (
    <main>
      <PageHeading>Your profile</PageHeading>
      <ErrorAlert message={load.error?.message} />
      {!profile && load.pending && <p role="status">Loading your profile…</p>}
      {profile && (
        <dl className="details">
          <dt>Name</dt>
          <dd>{profile.displayName ?? '(not set)'}</dd>
          <dt>Email</dt>
          <dd>{profile.email ?? '(not set)'}</dd>
          <dt>Role</dt>
          <dd>{profile.role}</dd>
          <dt>Groups</dt>
          <dd>{profile.groups.length > 0 ? profile.groups.join(', ') : '(none)'}</dd>
          <dt>User id</dt>
          <dd>
            <code>{profile.sub}</code>
          </dd>
        </dl>
      )}
      <AuthenticatorSection />
    </main>
  );
}
