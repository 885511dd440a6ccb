import { AppHeader } from '@/app/_lib/app-header';
import { requireViewer } from '@/app/_lib/server-api';
import { MaintenanceBanner } from '@/components/maintenance-banner';
import { PrintStamp } from '@/components/print-stamp';
import { TrpcProvider } from '@/components/trpc-provider';

/** Every page in this group needs a session: requireViewer sends anyone else to sign-in. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { viewer, api } = await requireViewer();
  const [moas, maintenance] = await Promise.all([api.moa.list(), api.system.maintenance()]);
  const moaCode = viewer.moaId ? moas.find((m) => m.id === viewer.moaId)?.code : null;
  return (
    <TrpcProvider>
      <AppHeader viewer={viewer} moaCode={moaCode} />
      <MaintenanceBanner initial={maintenance} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <PrintStamp />
        {children}
      </main>
    </TrpcProvider>
  );
}
