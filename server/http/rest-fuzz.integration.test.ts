import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@/db/seed/stable-id';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { callerFor, demoViewer } from '@/test/viewers';
import { manilaDay } from '../domain/schedule';
import { createApiToken } from '../services/api-tokens/api-tokens';
import { NEVER_BLOCKING_LIMITS } from '@/test/failure-limits';
import { handleRestRequest, openApiDocument } from './rest-handler';
import { databaseFingerprint } from '@/test/fingerprint';

/**
 * Hostile input for every REST write and query, generated from the OpenAPI document (fast-check, fixed
 * seed): no answer is a 5xx, every refusal is `{ code, message }` with a message that shows no SQL and no
 * stack, and a refused write changes nothing in the database.
 */

const SEED = 42;
/** Runs per write operation (hostile JSON bodies), per query operation, and for the cross-operation checks. */
const BODY_RUNS = 30;
const QUERY_RUNS = 40;
const RAW_BODY_RUNS = 120;
const PATH_ID_RUNS = 150;

let handle: TestDatabase;
let plannerToken: string;
let adminToken: string;

const limits = NEVER_BLOCKING_LIMITS;

// ---------------------------------------------------------------------------------------------------------
// The operations, read off the OpenAPI document.

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
interface Schema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Operation {
  key: string;
  method: Method;
  path: string;
  pathParams: string[];
  query: Record<string, Schema>;
  body: Record<string, Schema>;
}

function operationsOfDocument(): Operation[] {
  const paths = (openApiDocument('http://localhost').paths ?? {}) as Record<string, Record<string, unknown>>;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'post', 'patch', 'delete', 'put'].includes(method)) continue;
      const op = raw as { parameters?: { in: string; name: string; schema: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
      const params = op.parameters ?? [];
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as Method,
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        body: op.requestBody?.content?.['application/json']?.schema?.properties ?? {},
      });
    }
  }
  return operations;
}

const OPERATIONS = operationsOfDocument();
// Deletes last: a fuzzed delete may remove the work items the other operations are fuzzed on.
const WRITES = OPERATIONS.filter((op) => op.method !== 'GET').sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
const QUERIES = OPERATIONS.filter((op) => op.method === 'GET' && op.pathParams.length === 0);
const WITH_IDS = OPERATIONS.filter((op) => op.pathParams.length > 0);
const operation = (key: string) => OPERATIONS.find((op) => op.key === key)!;
/** Accounts are admin only: fuzzing them as a planner would stop at the role check. */
const asAdmin = (op: Operation) => op.path.startsWith('/users');

// ---------------------------------------------------------------------------------------------------------
// Fixtures: ids that exist, so hostile values get past "not found" and reach the services.

const TODAY = manilaDay(new Date());
const YEAR = Number(TODAY.slice(0, 4));
const MSSD = stableId('moa:MSSD');
const LIVELIHOOD = stableId('ppa:mssd-livelihood');
const LIVELIHOOD_ROOT = stableId('ppa:mssd-livelihood:project');
const VENUE_BOOKING = stableId('ppa:mssd-livelihood:item:Preparation:Venue Booking');
const OVERSPEND_ALERT = stableId('ppa:mssd-livelihood:alert:venue-overspend');
const MAFAR_DRAFT = stableId('ppa:mafar-bihi');

let fuzzPpa: string;
let fuzzRoot: string;
let fuzzExecution: string;
let fuzzTask: string;
let explicitPpa: string;
let explicitTask: string;
let targetUser: string;
let adminUserId: string;
let realIds: string[] = [];

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  const token = async (email: string) => (await createApiToken({ db: handle.db, viewer: await demoViewer(handle.db, email), name: 'fuzz' })).token;
  plannerToken = await token('planner@example.org');
  adminToken = await token('admin@example.org');
  adminUserId = (await demoViewer(handle.db, 'admin@example.org')).userId;
  const planner = await callerFor(handle.db, 'planner@example.org');
  const admin = await callerFor(handle.db, 'admin@example.org');
  const newTree = async (title: string) => {
    const { id } = await planner.ppa.create({
      title,
      category: 'activity',
      sector: 'social',
      fiscalYear: YEAR,
      budgetCeiling: '2000000',
      budgetAllocation: '2000000',
      appropriationClass: 'MOOE',
      fundingSource: 'GAAB',
    });
    const { tree } = await planner.budget.enableTracking({ id, template: 'default' });
    const execution = tree!.children.find((c) => c.title === 'Execution')!.id;
    const task = (await planner.workItem.add({ parentId: execution, title: `${title} task`, workType: 'task', allocatedBudget: '1000.00' })).id;
    return { id, root: tree!.id, execution, task };
  };
  const fuzz = await newTree('Fuzzed PPA');
  [fuzzPpa, fuzzRoot, fuzzExecution, fuzzTask] = [fuzz.id, fuzz.root, fuzz.execution, fuzz.task];
  const explicit = await newTree('Explicit cases PPA');
  [explicitPpa, explicitTask] = [explicit.id, explicit.task];
  targetUser = (await admin.user.create({ email: 'fuzz.target@mssd.example', name: 'Fuzz Target', role: 'viewer', moaId: MSSD })).user.id;
  realIds = [fuzzPpa, fuzzRoot, fuzzExecution, fuzzTask, LIVELIHOOD, LIVELIHOOD_ROOT, VENUE_BOOKING, OVERSPEND_ALERT, MSSD, MAFAR_DRAFT];
});
afterAll(() => handle?.close());

// ---------------------------------------------------------------------------------------------------------
// Calling, and what every answer must be.

const fingerprint = () => databaseFingerprint(handle.db);

interface RawCall {
  method: string;
  /** Path and query after /api/v1, already percent-encoded (or deliberately not). */
  target: string;
  body?: string | Uint8Array;
  contentType?: string | null;
  admin?: boolean;
}

const SQL_OR_STACK = [/select /i, /insert /i, /update /i, /\$1/, /violates/i, /postgres/i, /\n\s*at /, /^\s*at /m, /\.ts:\d/, /\.js:\d/];

function describeCall(call: RawCall): string {
  const body = call.body === undefined ? '' : typeof call.body === 'string' ? call.body : `bytes ${Buffer.from(call.body).toString('hex')}`;
  return `${call.method} ${call.target.slice(0, 300)} ${body.slice(0, 300)}`;
}

/** Makes the call and checks the answer; returns its status and body. */
async function check(call: RawCall): Promise<{ status: number; body: { code?: unknown; message?: unknown } | null }> {
  const headers: Record<string, string> = { authorization: `Bearer ${call.admin ? adminToken : plannerToken}` };
  const contentType = call.contentType === undefined ? 'application/json' : call.contentType;
  if (call.body !== undefined && contentType) headers['content-type'] = contentType;
  const isWrite = call.method !== 'GET';
  const before = isWrite ? await fingerprint() : null;
  const res = await handleRestRequest(
    new Request(`http://localhost/api/v1${call.target}`, { method: call.method, headers, body: call.body as BodyInit | undefined }),
    handle.db,
    { limits },
  );
  const text = await res.text();
  const label = describeCall(call);
  expect(res.status, `${label} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status < 400) return { status: res.status, body: null };
  let body: { code?: unknown; message?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`${label} → ${res.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  expect(typeof body.code, `${label} → code of ${text.slice(0, 300)}`).toBe('string');
  expect(typeof body.message === 'string' && body.message.trim().length > 0, `${label} → message of ${text.slice(0, 300)}`).toBe(true);
  for (const pattern of SQL_OR_STACK) expect(body.message as string, `${label} → message shows ${pattern}`).not.toMatch(pattern);
  if (isWrite) {
    const after = await fingerprint();
    const changed = Object.keys(after).filter((table) => after[table] !== before![table]);
    expect(changed, `${label} → refused with ${res.status} but changed`).toEqual([]);
  }
  return { status: res.status, body };
}

// ---------------------------------------------------------------------------------------------------------
// Hostile values.

/** Percent-encodes every code point; a lone surrogate becomes its (invalid) three-byte UTF-8 form. */
function percentEncode(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    out +=
      c >= 0xd800 && c <= 0xdfff
        ? `%ED%${(0x80 | ((c >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`
        : encodeURIComponent(ch);
  }
  return out;
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDBFFy',
  '😀',
  '👩🏽‍🚒'.repeat(80),
  '\u202Eevil',
  '\r\n\t',
  'ﷺ',
  'İstanbul ß',
  '=HYPERLINK("http://evil.example","Click me")',
  '=cmd|" /C calc"!A0',
  '+1+1',
  '-1+1',
  '@SUM(A1)',
  '0',
  '-0',
  '-1',
  '1e400',
  'NaN',
  'Infinity',
  '-1.00',
  '0.001',
  '0.00',
  '99999999999999999999.99',
  '9999999999999999.99',
  '1,000,000.00',
  '₱1,000.00',
  '1 000',
  '0000-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-13-01',
  '2026-1-1',
  '1899-12-31',
  '2101-01-01',
  '2026-02-28T00:00:00Z',
  '+002026-01-01',
  'null',
  'true',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '%FF',
  "'; --",
  '\\',
  '"',
  'x'.repeat(301),
  'y'.repeat(2001),
  'z'.repeat(100_001),
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom('\u0000', 'a', '😀', '\u200B')), maxLength: 8 }) },
);
const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    0.5,
    1.5,
    99.999,
    100,
    101,
    1999,
    2026,
    2101,
    -2147483649,
    2147483648,
    1e21,
    9007199254740993,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    -1e308,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
);

/** A value the field could mean (so the rest of the body gets through), by its schema and name. */
function plausible(name: string, schema: Schema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant('x');
  if (schema.anyOf?.length) return fc.oneof(...schema.anyOf.map((s) => plausible(name, s)));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'null') return fc.constant(null);
  if (type === 'boolean') return fc.boolean();
  if (type === 'integer' || type === 'number') return fc.constantFrom(0, 1, 2, 50, 100, YEAR);
  if (type === 'array') return fc.array(plausible(name, schema.items), { maxLength: 3 });
  if (type === 'object') return fc.record(Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, plausible(k, s)])));
  if (schema.format === 'uuid' || /id$/i.test(name)) return fc.oneof(fc.constantFrom(...realIds), fc.uuid());
  if (/date/i.test(name)) return fc.constantFrom(TODAY, `${YEAR}-01-15`, `${YEAR}-12-31`);
  if (/amount|budget|ceiling|allocation/i.test(name)) return fc.constantFrom('100.00', '1500', '0', '1,000.50');
  if (/weight/i.test(name)) return fc.constantFrom('1', '2.5');
  if (/email/i.test(name)) return fc.nat({ max: 1_000_000 }).map((n) => `fuzz.${n}@example.org`);
  if (name === 'reason' || name === 'comment') return fc.constant('Fuzzed reason text');
  return fc.constantFrom('Fuzzed text', 'abc');
}

/** Nested objects and arrays, up to 200 levels (deeper nesting is its own case below). */
const deepValue: fc.Arbitrary<unknown> = fc.tuple(fc.integer({ min: 1, max: 200 }), fc.boolean(), hostileValue).map(([depth, arrays, leaf]) => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { title: value };
  return value;
});

/**
 * A JSON body for the operation: a plausible one (ids of every kind, so services see ids of the wrong PPA,
 * MOA or kind), one with one field made hostile (so the refusal is about that field or comes from the
 * service), one of the right shape with hostile values mixed in, or anything at all.
 */
function bodyArbitrary(op: Operation): fc.Arbitrary<unknown> {
  const keys = Object.keys(op.body);
  const field = (name: string) => fc.oneof({ weight: 2, arbitrary: plausible(name, op.body[name]) }, { weight: 1, arbitrary: hostileValue });
  const shaped = keys.length ? fc.record(Object.fromEntries(keys.map((k) => [k, field(k)])), { requiredKeys: [] }) : fc.constant({});
  const allPlausible = fc.record(Object.fromEntries(keys.map((k) => [k, plausible(k, op.body[k])])));
  const oneHostile = keys.length
    ? fc.tuple(allPlausible, fc.constantFrom(...keys), hostileValue).map(([body, key, value]) => ({ ...body, [key]: value }))
    : fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 2 });
  const keyArb = fc.oneof(fc.constantFrom(...keys, '__proto__', 'constructor', 'id', ''), fc.string({ maxLength: 8 }));
  return fc.oneof(
    { weight: 2, arbitrary: allPlausible },
    { weight: 4, arbitrary: oneHostile },
    { weight: 3, arbitrary: shaped },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 5, -1, 'text', true, false, {}, [{}], '') },
    { weight: 1, arbitrary: fc.dictionary(keyArb, hostileValue, { maxKeys: 5 }) },
    { weight: 1, arbitrary: deepValue.map((v) => (keys.length ? { [keys[0]!]: v } : v)) },
  );
}

const RAW_PATH_SEGMENTS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '%FF',
  '%E0%A4',
  '%00',
  'a%00b',
  '%2F',
  '%2E%2E',
  '..',
  'null',
  'undefined',
  '0',
  '-1',
  '1e400',
  'NaN',
  '%20',
  'x'.repeat(5000),
  '%ED%A0%80',
  '%C0%AF',
  '{id}',
  '%7Bid%7D',
  '%25',
  '%',
];

/** A path id: one that exists (of this MOA or another), a uuid of nothing, or garbage. */
const pathSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constant('real') },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 3, arbitrary: fc.constantFrom(...RAW_PATH_SEGMENTS) },
  { weight: 2, arbitrary: hostileString.filter((s) => s.length > 0 && s.length < 3000).map(percentEncode) },
);

function pathArbitrary(op: Operation): fc.Arbitrary<string> {
  const segments = op.pathParams.map(() => fc.oneof({ weight: 3, arbitrary: fc.constant('real') }, { weight: 1, arbitrary: pathSegment }));
  return fc
    .tuple(fc.tuple(...segments), fc.nat())
    .map(([values, pick]) =>
      op.pathParams.reduce((path, name, i) => path.replace(`{${name}}`, values[i] === 'real' ? realIdFor(op, pick) : values[i]!), op.path),
    );
}

/** An id of the kind the operation acts on, or of another kind. */
function realIdFor(op: Operation, pick: number): string {
  if (op.path.startsWith('/users')) return [targetUser, adminUserId, 'no-such-user'][pick % 3]!;
  const kinds: Record<string, string[]> = {
    '/alerts': [OVERSPEND_ALERT],
    '/ppas': [fuzzPpa, LIVELIHOOD, MAFAR_DRAFT],
    '/work-items': [fuzzTask, fuzzExecution, fuzzRoot, VENUE_BOOKING],
  };
  const own = Object.entries(kinds).find(([prefix]) => op.path.startsWith(prefix))?.[1] ?? [];
  const pool = pick % 4 === 0 ? realIds : own.length ? own : realIds;
  return pool[pick % pool.length]!;
}

const RAW_QUERY_VALUES = [
  '%FF',
  '%E0%A4',
  '%00',
  'a%00b',
  '%',
  '%G1',
  '%E0%A4%A',
  '%C0%AF',
  '%ED%A0%80',
  '%F4%90%80%80',
  '+',
  '%2B',
  '=',
  'a=%FF',
  'a=%00',
  '&&',
  '%26',
];

/** Whether a query string must be refused: a name or value that is not UTF-8 percent-encoding, or holds a NUL. */
function mustRefuseQuery(query: string): boolean {
  return query
    .slice(1)
    .split('&')
    .some((part) => {
      const at = part.indexOf('=');
      const pieces = at < 0 ? [part] : [part.slice(0, at), part.slice(at + 1)];
      return pieces.some((piece) => {
        try {
          return decodeURIComponent(piece.replaceAll('+', ' ')).includes('\u0000');
        } catch {
          return true;
        }
      });
    });
}

function cursorOf(value: unknown): string {
  return Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url');
}

/** A raw query string: the operation's parameters (and others) with hostile, encoded or broken values. */
function queryArbitrary(op: Operation): fc.Arbitrary<string> {
  const names = Object.keys(op.query);
  const name = fc.oneof(
    { weight: 4, arbitrary: names.length ? fc.constantFrom(...names) : fc.constant('q') },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', '', 'q%00', '%FF', 'a[b]', 'id') },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map(percentEncode) },
  );
  const value = (n: string) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...RAW_QUERY_VALUES) },
      { weight: 2, arbitrary: hostileString.map(percentEncode) },
      { weight: 2, arbitrary: plausible(n, op.query[n]).map((v) => percentEncode(String(v))) },
      { weight: 1, arbitrary: fc.tuple(hostileValue, hostileString, fc.oneof(fc.uuid(), hostileString)).map((t) => cursorOf(t)) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map(cursorOf) },
    );
  const part = name.chain((n) =>
    fc.oneof(
      value(n).map((v) => `${n}=${v}`),
      fc.constant(n),
    ),
  );
  return fc.array(part, { minLength: 1, maxLength: 5 }).map((parts) => `?${parts.join('&')}`);
}

const RAW_NUMBERS = [
  '1e400',
  '-1e400',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e-400',
  '-0',
  '0x10',
  '01',
  '.5',
  '1.',
  '9007199254740993',
  '123456789012345678901234567890',
  'undefined',
  "'text'",
];
const INVALID_UTF8 = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x7b, 0x22, 0xe0, 0xa4, 0x22, 0x7d], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x7b, 0x7d, 0x80]];
const BROKEN_JSON = ['{', '{"a":', '{"a":1,}', '[', '"', '\\', "{'a':1}", '{"a":1}{"b":2}', 'nul', '{"title":"\\ud800"}', '{"title":"\\u0000"}', '\u0000'];

interface RawBody {
  bytes: string | Uint8Array;
  /** Not valid UTF-8 or not JSON at all: only a 400 will do. */
  unreadable: boolean;
}

function rawBodyArbitrary(op: Operation): fc.Arbitrary<RawBody> {
  const keys = Object.keys(op.body);
  return fc.oneof(
    fc.constantFrom(...INVALID_UTF8).map((b) => ({ bytes: Uint8Array.from(b), unreadable: true })),
    fc.constantFrom(...BROKEN_JSON.filter((t) => !t.startsWith('{"title"'))).map((t) => ({ bytes: t, unreadable: true })),
    fc.constantFrom(...BROKEN_JSON.filter((t) => t.startsWith('{"title"'))).map((t) => ({ bytes: t, unreadable: false })),
    fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => ({ bytes: b, unreadable: false })),
    fc
      .tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), fc.constantFrom(...RAW_NUMBERS))
      .map(([k, n]) => ({ bytes: `{"${k}": ${n}}`, unreadable: false })),
  );
}

// ---------------------------------------------------------------------------------------------------------

describe('explicit hostile cases', () => {
  it('refuses a NUL in a query value, and query strings that are not UTF-8 percent-encoding, with 400', async () => {
    expect((await check({ method: 'GET', target: '/ppas?q=a%00b' })).status).toBe(400);
    expect((await check({ method: 'GET', target: '/ppas?q=%FF' })).status).toBe(400);
    expect((await check({ method: 'GET', target: '/ppas?q=%E0%A4' })).status).toBe(400);
    expect((await check({ method: 'GET', target: '/alerts?ppaId=%00' })).status).toBe(400);
    expect((await check({ method: 'GET', target: '/ppas?q=a=%FF' })).status).toBe(400);
  });

  it('refuses a path id that is not UTF-8 percent-encoding with 400, not 500', async () => {
    for (const target of ['/ppas/%FF', '/ppas/%E0%A4', '/ppas/%', '/work-items/%ED%A0%80/expenditures']) {
      expect((await check({ method: 'GET', target })).status, target).toBe(400);
    }
    expect((await check({ method: 'POST', target: '/users/%C0%AF/password-link', admin: true })).status).toBe(400);
    expect((await check({ method: 'PATCH', target: '/work-items/%FF', body: '{"title":"x"}' })).status).toBe(400);
    expect((await check({ method: 'DELETE', target: '/work-items/%E0%A4' })).status).toBe(400);
  });

  it('refuses PATCH /work-items/{id} with {}, null, [] and 5, and changes nothing', async () => {
    const patch = (body: string) => check({ method: 'PATCH', target: `/work-items/${explicitTask}`, body });
    expect(await patch('{}')).toEqual({
      status: 400,
      body: expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining('Send at least one field to change.') }),
    });
    for (const body of ['null', '[]', '5', '"title"', 'true']) {
      expect(await patch(body), body).toEqual({
        status: 400,
        body: expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/^body: /) }),
      });
    }
  });

  it('refuses expenditures dated 0000-01-01, 9999-12-31 or 2026-02-30, naming the date', async () => {
    for (const date of ['0000-01-01', '9999-12-31', '2026-02-30', '2026-13-01', '1899-12-31', `${YEAR}-1-1`]) {
      const { status, body } = await check({
        method: 'POST',
        target: `/work-items/${explicitTask}/expenditures`,
        body: JSON.stringify({ amount: '100.00', date, description: 'Hostile date' }),
      });
      expect({ date, status }).toEqual({ date, status: 400 });
      expect(body!.message).toMatch(/^date: /);
    }
  });

  it('refuses negative, huge, 1e400 and NaN amounts', async () => {
    const spend = (amount: string) =>
      check({
        method: 'POST',
        target: `/work-items/${explicitTask}/expenditures`,
        body: `{"amount": ${amount}, "date": "${TODAY}", "description": "Hostile amount"}`,
      });
    for (const amount of [
      '"-1.00"',
      '"0.00"',
      '"1e400"',
      '"NaN"',
      '"99999999999999999999.99"',
      '"1.001"',
      '1e400',
      '-1e400',
      '100',
      'null',
      '"=HYPERLINK(\\"x\\")"',
    ]) {
      expect((await spend(amount)).status, amount).toBe(400);
    }
    expect((await spend('NaN')).status).toBe(400);
  });

  it('refuses a title with a NUL character with 400 naming title', async () => {
    const create = await check({
      method: 'POST',
      target: '/ppas',
      body: JSON.stringify({ title: 'Bad\u0000title', category: 'project', sector: 'social', fiscalYear: YEAR }),
    });
    expect(create).toEqual({ status: 400, body: expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/^title: /) }) });
    const edit = await check({ method: 'PATCH', target: `/ppas/${explicitPpa}`, body: JSON.stringify({ title: 'Bad\u0000title' }) });
    expect(edit).toEqual({ status: 400, body: expect.objectContaining({ message: expect.stringMatching(/^title: /) }) });
    const item = await check({ method: 'PATCH', target: `/work-items/${explicitTask}`, body: JSON.stringify({ title: 'Bad\u0000title' }) });
    expect(item).toEqual({ status: 400, body: expect.objectContaining({ message: expect.stringMatching(/^title: /) }) });
  });

  it('refuses bodies that are not UTF-8 or not JSON with 400, and other media types with 415', async () => {
    for (const bytes of INVALID_UTF8) {
      expect((await check({ method: 'POST', target: '/ppas', body: Uint8Array.from(bytes) })).status, Buffer.from(bytes).toString('hex')).toBe(400);
    }
    for (const text of ['{', '{"a":1,}', 'NaN', '{"fiscalYear": NaN}'])
      expect((await check({ method: 'POST', target: '/ppas', body: text })).status, text).toBe(400);
    expect((await check({ method: 'POST', target: '/ppas', body: 'title=x', contentType: 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  // A walk of the input that recursed once per level overflowed the stack here and answered 500.
  it('refuses a body nested 10,000 levels deep with 400, not 500', async () => {
    const deep = `{"title":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const res = await check({ method: 'POST', target: '/ppas', body: deep });
    expect(res.status).toBe(400);
  });
});

describe('fuzzed writes: hostile JSON bodies', () => {
  for (const op of WRITES) {
    it(op.key, async () => {
      await fc.assert(
        fc.asyncProperty(pathArbitrary(op), bodyArbitrary(op), async (target, body) => {
          await check({ method: op.method, target, body: op.method === 'DELETE' ? undefined : JSON.stringify(body), admin: asAdmin(op) });
        }),
        { seed: SEED, numRuns: BODY_RUNS },
      );
    });
  }
});

describe('fuzzed requests across operations', () => {
  it('raw bodies: invalid UTF-8, broken JSON, 1e400, NaN, random bytes, other media types', async () => {
    const bodied = WRITES.filter((op) => op.method !== 'DELETE');
    const contentType = fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom(null, 'text/plain', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', 'application/jsonx') },
    );
    const arb = fc.constantFrom(...bodied).chain((op) => fc.tuple(fc.constant(op.key), pathArbitrary(op), rawBodyArbitrary(op), contentType));
    await fc.assert(
      fc.asyncProperty(arb, async ([key, target, raw, type]) => {
        const op = operation(key);
        const { status } = await check({ method: op.method, target, body: raw.bytes, contentType: type, admin: asAdmin(op) });
        if (raw.unreadable && type === 'application/json') expect(status, describeCall({ method: op.method, target, body: raw.bytes })).toBe(400);
      }),
      { seed: SEED, numRuns: RAW_BODY_RUNS },
    );
  });

  it('path ids: non-uuids, uuids of nothing, another MOA’s, broken percent-encoding', async () => {
    const arb = fc.constantFrom(...WITH_IDS).chain((op) =>
      fc.tuple(
        fc.constant(op.key),
        fc.tuple(...op.pathParams.map(() => pathSegment), fc.nat()).map((parts) => {
          const pick = parts.at(-1) as number;
          return op.pathParams.reduce((path, name, i) => path.replace(`{${name}}`, parts[i] === 'real' ? realIdFor(op, pick) : (parts[i] as string)), op.path);
        }),
        fc.record(Object.fromEntries(Object.entries(op.body).map(([k, s]) => [k, plausible(k, s)])), { requiredKeys: [] }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ([key, target, body]) => {
        const op = operation(key);
        await check({ method: op.method, target, body: op.method === 'GET' || op.method === 'DELETE' ? undefined : JSON.stringify(body), admin: asAdmin(op) });
      }),
      { seed: SEED, numRuns: PATH_ID_RUNS },
    );
  });
});

describe('fuzzed queries: hostile query strings', () => {
  for (const op of [...QUERIES, ...WRITES.filter((w) => w.method === 'DELETE')]) {
    it(op.key, async () => {
      await fc.assert(
        fc.asyncProperty(pathArbitrary(op), queryArbitrary(op), async (path, query) => {
          const { status } = await check({ method: op.method, target: `${path}${query}`, admin: asAdmin(op) });
          if (mustRefuseQuery(query)) expect(status, `${op.method} ${path}${query}`).toBe(400);
        }),
        { seed: SEED, numRuns: QUERY_RUNS },
      );
    });
  }
});
