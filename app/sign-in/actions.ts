'use server';

import { headers } from 'next/headers';
import { AuthError } from 'next-auth';
import { signIn, signOut, SignInRateLimited } from '@/auth';
import { retryAfterWords } from '@/server/domain/accounts';
import { clientIpFromHeaders } from '@/server/http/request-headers';
import { signInRetryAfter } from '@/server/services/auth/password-sign-in';
import { CREDENTIALS_REFUSED, missingCredentials, type SignInState } from '@/components/sign-in-model';
import { getFailureLimits } from '@/server/services/rate-limits/failure-limits';

/** Signs in with email and password; on success next-auth redirects, on failure the form shows why. */
export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  // The portfolio dashboard is everyone's first screen (planners and viewers see their MOA's).
  const callbackUrl = String(form.get('callbackUrl') || '/');
  const email = String(form.get('email') ?? '');
  const password = String(form.get('password') ?? '');
  // An empty form is not a failed sign-in: say what is missing, and count nothing against the account.
  const missing = missingCredentials(email, password);
  if (missing) return { email, error: missing };
  try {
    await signIn('credentials', {
      email,
      password,
      // Only paths inside the app: never send a planner off-site after sign-in.
      redirectTo: callbackUrl.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/',
    });
    return { error: null };
  } catch (error) {
    if (error instanceof SignInRateLimited || (error instanceof AuthError && (error as { code?: string }).code === 'rate_limited')) {
      const seconds = await signInRetryAfter(getFailureLimits(), email, clientIpFromHeaders(await headers()));
      return { email, error: `Too many failed sign-ins for this account or network. ${retryAfterWords(seconds)}` };
    }
    if (error instanceof AuthError) {
      return { email, error: error.type === 'CredentialsSignin' ? CREDENTIALS_REFUSED : 'Sign-in failed; try again.' };
    }
    throw error; // next-auth's redirect after a successful sign-in
  }
}

export async function signInWithSso(): Promise<void> {
  await signIn('oidc', { redirectTo: '/' });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in' });
}
