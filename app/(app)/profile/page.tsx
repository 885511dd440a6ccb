import type { Metadata } from 'next';
import { requireViewer } from '@/app/_lib/server-api';
import { ApiTokensPanel } from '@/components/api-tokens-panel';
import { EmailPreferences } from '@/components/notifications/email-preferences';
import { ROLE_LABELS } from '@/components/labels';

export const metadata: Metadata = { title: 'Profile' };

export default async function ProfilePage() {
  const { viewer } = await requireViewer();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">{viewer.name}</h1>
        <p className="text-sm text-slate-600">{ROLE_LABELS[viewer.role]}</p>
      </div>
      <section aria-labelledby="email-notifications" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="email-notifications" className="text-lg font-semibold">
          Email notifications
        </h2>
        <p className="mb-3 mt-1 text-sm text-slate-600">Everything you are told of shows under the bell; these say which of it also comes by email.</p>
        <EmailPreferences />
      </section>
      <section aria-labelledby="api-tokens" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="api-tokens" className="text-lg font-semibold">
          API tokens
        </h2>
        <p className="mb-4 mt-1 text-sm text-slate-600">
          Other government systems use a personal token to call the Integration API (<code>/api/v1</code>, described at{' '}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline">
            /api/v1/openapi.json
          </a>
          ) with your role and MOA.
        </p>
        <ApiTokensPanel />
      </section>
    </div>
  );
}
