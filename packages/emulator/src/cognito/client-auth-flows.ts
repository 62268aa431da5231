import type { UserPoolClient } from './cognito-types.js';

/** Client flows, with the pre-`ALLOW_` names AWS still accepts. */
export function flowAllowed(client: UserPoolClient, flow: string): boolean {
  // A client with no ExplicitAuthFlows allows SRP, refresh and custom auth, as on AWS.
  const flows = client.ExplicitAuthFlows?.length
    ? client.ExplicitAuthFlows
    : ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'];
  const legacy: Record<string, string> = {
    ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
    CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
  };
  const normalized = new Set(flows.map((f) => legacy[f] ?? f));
  if (client.ExplicitAuthFlows?.length && !client.ExplicitAuthFlows.some((f) => f.startsWith('ALLOW_'))) {
    // Legacy lists always allowed SRP and refresh.
    normalized.add('ALLOW_USER_SRP_AUTH');
    normalized.add('ALLOW_REFRESH_TOKEN_AUTH');
  }
  const needed: Record<string, string> = {
    USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
    USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
    REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
    REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
    ADMIN_USER_PASSWORD_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
    USER_AUTH: 'ALLOW_USER_AUTH',
  };
  const want = needed[flow];
  return want !== undefined && normalized.has(want);
}
