import type { Metadata } from 'next';
import { NotFoundPanel } from '@/components/not-found-panel';

export const metadata: Metadata = { title: 'Page not found' };

/** Any address the app does not have. */
export default function NotFound() {
  return (
    <main className="px-4 py-16">
      <NotFoundPanel title="This page does not exist">
        <p>The address may be mistyped, or the page has moved. The PPAs are a click away.</p>
      </NotFoundPanel>
    </main>
  );
}
