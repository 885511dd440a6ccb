import type { AnyProcedure } from '@trpc/server';
import type { OpenAPIObject } from 'trpc-to-openapi';
import { XLSX_CONTENT_TYPE, zFileDownload, type FileDownload } from '../contracts/reports';

/**
 * Procedures whose output is a file (zFileDownload: the MFBM and COA workbooks). Over tRPC the file travels
 * as base64 in JSON; over REST such a route answers with the file itself, and the OpenAPI document describes
 * the response as the file's media type (trpc-to-openapi can only describe JSON).
 */
export function returnsFile(procedure: AnyProcedure): boolean {
  return (procedure._def as { output?: unknown }).output === zFileDownload;
}

/** The file as an HTTP download. */
export function fileResponse(file: FileDownload): Response {
  const name = file.fileName.replace(/[^\w.-]/g, '_');
  return new Response(new Uint8Array(Buffer.from(file.contentBase64, 'base64')), {
    headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
  });
}

const FILE_SCHEMA_REF = '#/components/schemas/FileDownload';

/** Rewrites the 200 response of every file route in the document from JSON to the binary file, in place. */
export function describeFileResponses(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      const ok = (operation as { responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> })?.responses?.['200'];
      if (ok?.content?.['application/json']?.schema?.$ref !== FILE_SCHEMA_REF) continue;
      ok.content = { [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } };
    }
  }
  // Only file routes used the schema; it describes nothing the API sends any more.
  if (document.components?.schemas) delete document.components.schemas.FileDownload;
  return document;
}
