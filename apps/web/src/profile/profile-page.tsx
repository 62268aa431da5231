import { useEffect, useState } from 'react';
import { useClient } from '../client/client-context.js';
import type { Profile } from '../client/client-types.js';
import { ErrorAlert } from '../ui/error-alert.js';
import { PageHeading } from '../ui/page-heading.js';
import { useAction } from '../ui/use-action.js';

/** The caller as the API sees them (`GET /me`, read from the verified token). */
export function ProfilePage() {
  const client = useClient();
  const [profile, setProfile] = useState<Profile | undefined>(undefined);
  const load = useAction(async () => setProfile(await client.me.get()));
  const { run } = load;
  useEffect(() => {
    void run();
  }, [run]);
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
    </main>
  );
}
