/**
 * The optional single sign-on provider (any OpenID Connect issuer: Keycloak, Entra ID, Google Workspace…).
 * It turns on when AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET are all set.
 */
export interface OidcProviderConfig {
  id: 'oidc';
  name: string;
  type: 'oidc';
  issuer: string;
  clientId: string;
  clientSecret: string;
  // The issuer is the government's own identity provider: an address it vouches for is the person's.
  allowDangerousEmailAccountLinking: true;
}

export function oidcProviderFromEnv(env: Record<string, string | undefined>): OidcProviderConfig | null {
  const issuer = env.AUTH_OIDC_ISSUER;
  const clientId = env.AUTH_OIDC_CLIENT_ID;
  const clientSecret = env.AUTH_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: 'oidc',
    name: env.AUTH_OIDC_NAME || 'Single sign-on',
    type: 'oidc',
    issuer,
    clientId,
    clientSecret,
    allowDangerousEmailAccountLinking: true,
  };
}
