import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDatabase } from '@/db';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import type { UserRole } from '@/server/domain/types';
import { clientIpFromHeaders } from '@/server/http/request-headers';
import { oidcProviderFromEnv } from '@/server/services/auth/oidc-config';
import { attemptPasswordSignIn } from '@/server/services/auth/password-sign-in';
import { admitSignIn } from '@/server/services/auth/sign-in-admission';
import { loadViewer } from '@/server/services/auth/viewers';
import { getFailureLimits } from '@/server/services/rate-limits/failure-limits';
import { environment } from '@/server/lib/config';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: UserRole; moaId: string | null } & DefaultSession['user'];
  }
}

const zCredentials = z.object({ email: z.email().max(320), password: z.string().min(1).max(200) });

/** Too many failed sign-ins for this account or address; the form asks how long to wait. */
export class SignInRateLimited extends CredentialsSignin {
  code = 'rate_limited';
}

/** next-auth wiring: email + password for everyone, plus single sign-on when AUTH_OIDC_* is set. */
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const { db } = getDatabase();
  const oidc = oidcProviderFromEnv(environment());
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    // Credentials sign-in needs JWT sessions; the token carries the user id, role and MOA.
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    trustHost: true,
    pages: { signIn: '/sign-in' },
    providers: [
      Credentials({
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw, request) {
          const parsed = zCredentials.safeParse(raw);
          if (!parsed.success) throw new CredentialsSignin();
          const result = await attemptPasswordSignIn({ db, limits: getFailureLimits(), ...parsed.data, ip: clientIpFromHeaders(request.headers) });
          if (result.outcome === 'rate_limited') throw new SignInRateLimited();
          if (result.outcome === 'refused') throw new CredentialsSignin();
          return { id: result.viewer.userId, name: result.viewer.name, email: parsed.data.email.trim().toLowerCase() };
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      // Single sign-on admits only people an admin has already given a role and MOA.
      signIn: ({ user, account }) => admitSignIn({ db, provider: account?.provider, email: user.email }),
      async jwt({ token, user }) {
        if (user?.id) {
          const viewer = await loadViewer(db, user.id);
          if (viewer) Object.assign(token, { sub: viewer.userId, role: viewer.role, moaId: viewer.moaId, name: viewer.name });
        }
        return token;
      },
      session({ session, token }) {
        session.user.id = token.sub ?? '';
        session.user.role = token.role as UserRole;
        session.user.moaId = (token.moaId as string | null) ?? null;
        return session;
      },
    },
  };
});
