// The size budget's fixture (`size-limit`, in `check-package`): a browser bundle that signs in with SRP and
// calls one route, built from the published entry exactly as an application imports it. The same code as
// the `gatehouse` entry of bench/bundle-size.ts, which compares it with other SDKs.
import { createClient } from '@org/client/browser';

const client = createClient({
  apiUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/',
  userPoolId: 'us-east-1_AbC123xyz',
  clientId: 'client123',
  region: 'us-east-1',
});

export async function run(username, password) {
  await client.signIn({ username, password });
  return client.notes.list({ limit: 10 });
}
