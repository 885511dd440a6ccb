import type { Metadata } from 'next';
import { SetPasswordForm } from '@/components/set-password-form';
import { TrpcProvider } from '@/components/trpc-provider';

export const metadata: Metadata = { title: 'Set your password' };

/** /set-password#token=… — where a one-time link from an administrator (or `npm run user:create`) lands. */
export default function SetPasswordPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="text-2xl font-semibold text-brand-900">Set your password</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">PPA Tracker · at least 12 characters; a phrase of a few words is easiest to remember.</p>
      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <TrpcProvider>
          <SetPasswordForm />
        </TrpcProvider>
      </div>
    </main>
  );
}
