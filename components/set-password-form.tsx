'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { MIN_PASSWORD_LENGTH } from '@/server/domain/accounts';
import { LINK_NOT_USABLE, setPasswordProblem, tokenFromHash } from './set-password-model';
import { useTRPC } from './trpc-provider';

function tokenFromLocation(): string {
  return tokenFromHash(window.location.hash);
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function SetPasswordForm() {
  const trpc = useTRPC();
  const setPassword = useMutation(trpc.user.setPassword.mutationOptions());
  const { mutate: checkLink, ...linkCheck } = useMutation(trpc.user.checkPasswordLink.mutationOptions());
  // null while rendering on the server, which never sees the fragment.
  const token = useSyncExternalStore(subscribeToHash, tokenFromLocation, () => null);
  // A used or expired link says so at once, instead of after a password has been typed twice.
  useEffect(() => {
    if (token) checkLink({ token });
  }, [token, checkLink]);
  const [password, setPasswordValue] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const problem = setPasswordProblem(password, confirmation);
    if (problem) return setError(problem);
    setError(null);
    await setPassword.mutateAsync({ token: token ?? '', password }).catch((err: Error) => setError(err.message));
  }

  if (token === null)
    return (
      <p role="status" className="text-sm text-slate-600">
        Reading your link…
      </p>
    );
  if (!token) {
    return (
      <p role="alert" className="text-sm text-rose-800">
        This link is incomplete. Open the whole link you were sent, or ask an administrator for a new one.
      </p>
    );
  }
  if (setPassword.data) {
    return (
      <div role="status" className="space-y-3 text-sm">
        <p>
          Your password is set for <strong>{setPassword.data.email}</strong>.
        </p>
        <Link href="/sign-in" className="inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Sign in
        </Link>
      </div>
    );
  }
  if (linkCheck.isIdle || linkCheck.isPending)
    return (
      <p role="status" className="text-sm text-slate-600">
        Checking your link…
      </p>
    );
  if (linkCheck.data?.usable === false) {
    return (
      <div className="space-y-3 text-sm">
        <p role="alert" className="text-rose-800">
          {LINK_NOT_USABLE}
        </p>
        <p>
          If you already set your password,{' '}
          <Link href="/sign-in" className="font-medium text-brand-700 underline">
            sign in
          </Link>
          .
        </p>
      </div>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="new-password" className="block text-sm font-medium">
          New password
        </label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          required
          value={password}
          onChange={(e) => setPasswordValue(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
      </div>
      <div>
        <label htmlFor="confirm-password" className="block text-sm font-medium">
          Type it again
        </label>
        <input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={setPassword.isPending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {setPassword.isPending ? 'Saving…' : 'Set password'}
      </button>
    </form>
  );
}
