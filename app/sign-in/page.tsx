import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { createContext } from '@/server/context';
import { SignInForm, type SignInNotice } from '@/components/sign-in-form';
import { oidcProviderFromEnv } from '@/server/services/auth/oidc-config';
import { signInWithPassword, signInWithSso } from './actions';
import { environment } from '@/server/lib/config';

export const metadata: Metadata = { title: 'Sign in' };

/** Why the person is on the sign-in page, if it is not their own choice. */
function noticeOf(sessionEnded: boolean, error: string | undefined): SignInNotice | null {
  if (sessionEnded) return { tone: 'warning', text: 'Your session has ended: this account was deactivated. Ask an administrator if you still need access.' };
  if (error === 'AccessDenied') return { tone: 'error', text: 'Your account has not been set up in PPA Tracker yet. Ask an administrator to add you.' };
  return null;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const session = await auth();
  // A session only counts while its user may still sign in: a deactivated person stays here (no redirect loop).
  const { viewer } = await createContext(session?.user?.id);
  if (viewer) redirect('/');
  const sessionEnded = Boolean(session?.user);
  const { callbackUrl = '/', error } = await searchParams;
  const sso = oidcProviderFromEnv(environment());
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="text-2xl font-semibold text-brand-900">PPA Tracker</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Budget execution of BARMM Programs, Projects and Activities.</p>
      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <SignInForm callbackUrl={callbackUrl} notice={noticeOf(sessionEnded, error)} signIn={signInWithPassword} />
        {sso && (
          <form action={signInWithSso} className="mt-4 border-t border-slate-200 pt-4">
            <button type="submit" className="w-full rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50">
              Sign in with {sso.name}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
