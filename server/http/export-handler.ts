import type { Database } from '@/db';
import type { Viewer } from '../domain/types';
import { errorResponse } from '../errors';
import { zId } from '../contracts/shared';
import { getAllocationTree } from '../services/budget/allocation-tree';
import { allocationTreeCsv, allocationTreeXlsx } from '../services/exports/allocation-export';

/** GET …/allocation-tree.csv|.xlsx: the PPA's allocation tree as a download, for whoever may see the PPA. */
export async function handleAllocationExport(db: Database, viewer: Viewer | null, ppaId: string, format: 'csv' | 'xlsx', requestId?: string): Promise<Response> {
  if (!viewer) return Response.json({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' }, { status: 401 });
  if (!zId.safeParse(ppaId).success) return Response.json({ code: 'NOT_FOUND', message: 'That PPA was not found, or you do not have access to it.' }, { status: 404 });
  try {
    const tree = await getAllocationTree({ db, viewer, ppaId });
    const filename = `allocation-${tree.ppa.moaCode}-${ppaId.slice(0, 8)}.${format}`;
    if (format === 'csv') {
      return new Response(allocationTreeCsv(tree), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` } });
    }
    const body = await allocationTreeXlsx(tree);
    return new Response(new Uint8Array(body), {
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': `attachment; filename="${filename}"` },
    });
  } catch (error) {
    return errorResponse(error, { requestId, where: `allocation export (${format})` });
  }
}
