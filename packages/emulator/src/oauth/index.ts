export { type AuthServer, type AuthServerOptions, startAuthServer } from './auth-server.js';
export { type OAuthClient, readOAuthClient } from './oauth-client.js';
