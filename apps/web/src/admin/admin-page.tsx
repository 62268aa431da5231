import { useClient } from '../client/client-context.js';
import { ErrorAlert } from '../ui/error-alert.js';
import { PageHeading } from '../ui/page-heading.js';
import { useLoaded } from '../ui/use-loaded.js';

/** The admin group's group name (the API's `/admin/stats` admits only its members). */
export const ADMIN_GROUP = 'admin';

/**
 * Totals for members of `admin`. The link to it is hidden from others, but the page can still be reached by
 * its address; the API then answers 403, shown as such.
 */
export function AdminPage() {
  const client = useClient();
  const { value: stats, load } = useLoaded(() => client.admin.stats());
  return (
    <main>
      <PageHeading>Admin statistics</PageHeading>
      <ErrorAlert message={load.error?.message} />
      {!stats && load.pending && <p role="status">Loading statistics…</p>}
      {stats && (
        <dl className="details">
          <dt>Notes</dt>
          <dd>{stats.notes}</dd>
          <dt>Users with notes</dt>
          <dd>{stats.users}</dd>
        </dl>
      )}
    </main>
  );
}
