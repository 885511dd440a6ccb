// GET /api/ppas/export.csv — the PPA list as the page filters and sorts it, every page (signed-in session).
import { auth } from '@/auth';
import { getDatabase } from '@/db';
import { createContext } from '@/server/context';
import { handlePpaListExport } from '@/server/http/portfolio-downloads';
import { REQUEST_ID_HEADER } from '@/server/http/request-headers';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const { viewer } = await createContext((await auth())?.user?.id);
  const search = Object.fromEntries(new URL(req.url).searchParams);
  return handlePpaListExport(getDatabase().db, viewer, search, 'csv', req.headers.get(REQUEST_ID_HEADER) ?? undefined);
}
