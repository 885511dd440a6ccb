import type { Database } from '../db';
import { handleRestRequest } from '../server/http/rest-handler';
import { demoApiToken } from './viewers';

/**
 * What the REST tests call with, on a seeded database: API tokens of the MSSD planner, the MAFAR planner (another
 * MOA) and the viewer, and the id of the seeded Livelihood Training PPA (MSSD's, tracked), found over REST with
 * the planner's token (so that token has been used once).
 */
export async function restCallers(db: Database) {
  const plannerToken = await demoApiToken(db, 'planner@example.org');
  const list = await handleRestRequest(new Request('http://localhost/api/v1/ppas?q=Livelihood', { headers: { authorization: `Bearer ${plannerToken}` } }), db);
  return {
    plannerToken,
    mafarToken: await demoApiToken(db, 'planner.mafar@example.org'),
    viewerToken: await demoApiToken(db, 'viewer@example.org'),
    livelihoodId: ((await list.json()) as { items: { id: string }[] }).items[0]!.id,
  };
}
