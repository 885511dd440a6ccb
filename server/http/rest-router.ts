import type { AnyProcedure } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { z } from 'zod';
import { errorResponse } from '../errors';
import { appRouter } from '../routers/_app';
import { createCallerFactory, type Context } from '../trpc';
import type { FileDownload } from '../contracts/reports';
import { fileResponse, returnsFile } from './file-download';
import { negotiatedJson } from './json-response';

/**
 * The REST routes, read off the procedures' `meta.openapi` (the same meta the OpenAPI document is generated
 * from). We route and read input ourselves instead of trpc-to-openapi's adapter: that adapter switches
 * coercion on, for good, in every input schema it serves, so after one REST call `{"active": "no"}` read as
 * true and `{"progress": ""}` as 0 for tRPC callers as well. Here only query strings are converted, by
 * what the schema asks for, and JSON bodies are taken as they are.
 */
interface Route {
  method: string;
  pattern: RegExp;
  procedurePath: string;
  procedure: AnyProcedure;
}

function routesOf(): Route[] {
  const routes: Route[] = [];
  for (const [procedurePath, procedure] of Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>)) {
    const openapi = (procedure._def.meta as OpenApiMeta | undefined)?.openapi;
    if (!openapi) continue;
    const source = openapi.path
      .replace(/\/+$/, '')
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
    routes.push({ method: openapi.method, pattern: new RegExp(`^${source}$`), procedurePath, procedure });
  }
  return routes;
}

let cachedRoutes: Route[] | null = null;

export function findRoute(method: string, path: string): { route: Route; pathInput: Record<string, string> } | null {
  cachedRoutes ??= routesOf();
  const normalized = path.replace(/\/+$/, '') || '/';
  for (const route of cachedRoutes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(normalized);
    if (match) return { route, pathInput: Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])) };
  }
  return null;
}

/** The object schema of a procedure's input, seen through optional/nullable/default wrappers. */
function inputShape(procedure: AnyProcedure): Record<string, z.ZodType> {
  let schema = (procedure._def as { inputs?: unknown[] }).inputs?.[0] as z.ZodType | undefined;
  while (schema && (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault)) {
    schema = schema.unwrap() as z.ZodType;
  }
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

function kindOf(schema: z.ZodType | undefined): string | undefined {
  let inner = schema;
  while (inner && (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault)) inner = inner.unwrap() as z.ZodType;
  return (inner as { def?: { type?: string } } | undefined)?.def?.type;
}

/** Query parameters as the schema wants them: numbers and booleans only when they are written as such. */
export function queryInput(procedure: AnyProcedure, params: URLSearchParams): Record<string, unknown> {
  const shape = inputShape(procedure);
  const input: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (key in input) continue; // the first of repeated parameters counts
    const kind = kindOf(shape[key]);
    if (kind === 'number' && /^-?\d+(\.\d+)?$/.test(value)) input[key] = Number(value);
    else if (kind === 'boolean' && (value === 'true' || value === 'false')) input[key] = value === 'true';
    else input[key] = value;
  }
  return input;
}

const createCaller = createCallerFactory(appRouter);

/**
 * Runs one route's procedure as the caller in `ctx`; the answer (with an ETag, 304 when `request` holds it
 * already) or the refusal as JSON.
 */
export async function callRoute(route: Route, input: unknown, ctx: Context, request: { method: string; headers: Headers }): Promise<Response> {
  const caller = createCaller(ctx) as unknown as Record<string, unknown>;
  const procedure = route.procedurePath.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    const data = await procedure(input);
    // A file route (a report workbook) answers with the file itself, not its base64 in JSON.
    return returnsFile(route.procedure) ? fileResponse(data as FileDownload) : negotiatedJson(data ?? null, request);
  } catch (error) {
    return errorResponse(error, { requestId: ctx.requestId, where: `REST ${route.method} ${route.procedurePath}` });
  }
}
