'use client';

import { useActionState } from 'react';
import type { SignInState } from './sign-in-model';

export interface SignInNotice {
  text: string;
  tone: 'warning' | 'error';
}

const NOTICE_TONES = { warning: 'bg-amber-50 text-amber-900', error: 'bg-rose-50 text-rose-800' } as const;

/**
 * Email and password. `notice` is why the person is here (their session ended, SSO refused them): it shows until
 * the form's own answer replaces it, so the page never shows two messages that disagree. The page hands it the
 * server action that signs in (`signIn`), so components never import from app/.
 */
export function SignInForm({
  callbackUrl,
  notice = null,
  signIn,
}: {
  callbackUrl: string;
  notice?: SignInNotice | null;
  signIn: (previous: SignInState, form: FormData) => Promise<SignInState>;
}) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, { error: null });
  const answered = state.error !== null;
  return (
    <form action={action} className="space-y-4" noValidate>
      {notice && !answered && (
        <p role="alert" className={`rounded-md px-3 py-2 text-sm ${NOTICE_TONES[notice.tone]}`}>
          {notice.text}
        </p>
      )}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email ?? ''}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
      </div>
      {state.error && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
