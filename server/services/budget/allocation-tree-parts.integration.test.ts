import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { restCallers } from '@/test/rest';
import { newTrackedPpa, nodeNamed } from '@/test/trees';
import { callerFor } from '@/test/viewers';
import { handleRestRequest, openApiDocument } from '../../http/rest-handler';

let handle: TestDatabase;
let planner: Awaited<ReturnType<typeof callerFor>>;
let rest: Awaited<ReturnType<typeof restCallers>>;
let whole: AllocationNodeShape;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await callerFor(handle.db, 'planner@example.org');
  rest = await restCallers(handle.db);
  whole = (await planner.budget.allocationTree({ id: rest.livelihoodId })).tree!;
});
afterAll(() => handle.close());

/** The node as it is, its children's count and figures kept, its children left out. */
const alone = ({ children: _children, ...node }: AllocationNodeShape) => ({ ...node, children: [] });
const titles = (node: AllocationNodeShape): unknown => [node.title, node.children.map(titles)];

function getTree(query: string, token = rest.plannerToken) {
  return handleRestRequest(
    new Request(`http://localhost/api/v1/ppas/${rest.livelihoodId}/budget-allocation-tree${query}`, { headers: { authorization: `Bearer ${token}` } }),
    handle.db,
  );
}

// A plan of 10,000 work items is 5 MB of JSON; a client showing its top levels asks for those alone.
describe('part of an allocation tree', () => {
  it('counts every node’s children whether or not they are included', () => {
    expect(whole.childCount).toBe(3);
    expect(nodeNamed(whole, 'Preparation').childCount).toBe(2);
    expect(nodeNamed(whole, 'Venue Booking').childCount).toBe(0);
  });

  it('keeps `depth` levels under the top, with the same figures as the whole tree', async () => {
    const top = (await planner.budget.allocationTree({ id: rest.livelihoodId, depth: 0 })).tree!;
    expect(top).toEqual(alone(whole));
    const oneLevel = (await planner.budget.allocationTree({ id: rest.livelihoodId, depth: 1 })).tree!;
    expect(oneLevel).toEqual({ ...whole, children: whole.children.map(alone) });
    expect(titles(oneLevel)).toEqual([
      'Livelihood Training for OBC Women',
      [
        ['Preparation', []],
        ['Execution', []],
        ['Completion & Reporting', []],
      ],
    ]);
    expect((await planner.budget.allocationTree({ id: rest.livelihoodId, depth: 100 })).tree).toEqual(whole);
  });

  it('answers with a work item as the top, its figures rolled up over the whole tree; the PPA and overview unchanged', async () => {
    const full = await planner.budget.allocationTree({ id: rest.livelihoodId });
    const part = await planner.budget.allocationTree({ id: rest.livelihoodId, under: nodeNamed(whole, 'Preparation').id });
    expect(part.tree).toEqual(nodeNamed(whole, 'Preparation'));
    expect(part.ppa).toEqual(full.ppa);
    expect(part.overview).toEqual(full.overview);
    const venue = await planner.budget.allocationTree({ id: rest.livelihoodId, under: nodeNamed(whole, 'Preparation').id, depth: 0 });
    expect(venue.tree).toEqual(alone(nodeNamed(whole, 'Preparation')));
  });

  it('gives 404 for a work item that is not this PPA’s, and for any part of a PPA the caller may not see', async () => {
    const { tree: otherTree } = await newTrackedPpa(planner, { allocation: '1000', template: 'default' });
    const refused = await planner.budget.allocationTree({ id: rest.livelihoodId, under: otherTree.id }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('work item') });
    expect((await getTree(`?under=${nodeNamed(whole, 'Preparation').id}&depth=0`, rest.mafarToken)).status).toBe(404);
  });

  it('reads depth and under from the REST query string, and refuses a depth that is not 0 to 100 with a plain message', async () => {
    const res = await getTree(`?under=${nodeNamed(whole, 'Execution').id}&depth=0`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { tree: AllocationNodeShape }).tree).toEqual(alone(nodeNamed(whole, 'Execution')));
    for (const depth of ['-1', '101', '1.5', 'all', '']) {
      const bad = await getTree(`?depth=${depth}`);
      expect(bad.status, `depth=${depth}`).toBe(400);
      expect(((await bad.json()) as { message: string }).message, `depth=${depth}`).toBe(
        'depth: Give the depth as a whole number of levels, from 0 (the item alone) to 100.',
      );
    }
    const notAnId = await getTree('?under=preparation');
    expect(notAnId.status).toBe(400);
    expect(((await notAnId.json()) as { message: string }).message).toMatch(/^under: /);
  });

  it('documents both parameters in the OpenAPI document', () => {
    const doc = openApiDocument('https://ppa.example.gov.ph') as unknown as { paths: Record<string, { get: { parameters: { name: string; in: string }[] } }> };
    const parameters = doc.paths['/ppas/{id}/budget-allocation-tree']!.get.parameters.map((p) => `${p.in}:${p.name}`);
    expect(parameters).toEqual(expect.arrayContaining(['path:id', 'query:under', 'query:depth']));
  });
});
