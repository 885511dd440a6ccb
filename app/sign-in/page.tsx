import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { createContext } from '@/server/context';
import { SignInForm } from '@/components/sign-in-form';
import { oidcProviderFromEnv } from '@/server/services/auth/oidc-config';
import { signInWithSso } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const session = await auth();
  // A session only counts while its user may still sign in: a deactivated person stays here (no redirect loop).
  const { viewer } = await createContext(session?.user?.id);
  if (viewer) redirect('/');
  const sessionEnded = Boolean(session?.user);
  const { callbackUrl = '/', error } = await searchParams;
  const sso = oidcProviderFromEnv(process.env);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="text-2xl font-semibold text-brand-900">PPA Tracker</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Budget execution of BARMM Programs, Projects and Activities.</p>
      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        {sessionEnded && (
          <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Your session has ended: this account was deactivated. Ask an administrator if you still need access.
          </p>
        )}
        {error === 'AccessDenied' && (
          <p role="alert" className="mb-4 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
            Your account has not been set up in PPA Tracker yet. Ask an administrator to add you.
          </p>
        )}
        <SignInForm callbackUrl={callbackUrl} />
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
