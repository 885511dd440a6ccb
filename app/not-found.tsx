import type { Metadata } from 'next';
import { AppHeader } from '@/app/_lib/app-header';
import { optionalViewer } from '@/app/_lib/server-api';
import { NotFoundPanel } from '@/components/not-found-panel';
import { TrpcProvider } from '@/components/trpc-provider';

export const metadata: Metadata = { title: 'Page not found' };

/** Any address the app does not have, under the app's own header (signed in or not), with a way back. */
export default async function NotFound() {
  const signedIn = await optionalViewer();
  const moaCode = signedIn?.viewer.moaId ? (await signedIn.api.moa.list()).find((m) => m.id === signedIn.viewer.moaId)?.code : null;
  return (
    <TrpcProvider>
      <AppHeader viewer={signedIn?.viewer ?? null} moaCode={moaCode} />
      <main id="main" className="px-4 py-16">
        <NotFoundPanel title="This page does not exist">
          <p>The address may be mistyped, or the page has moved. The PPAs are a click away.</p>
        </NotFoundPanel>
      </main>
    </TrpcProvider>
  );
}
