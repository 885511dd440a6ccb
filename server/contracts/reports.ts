import { z } from './zod';
import { zFiscalYear, zMoaCode } from './portfolio';

/** A report (MFBM Budget Execution, COA Variance): one fiscal year, optionally one MOA by its code. */
export const zReportRequest = z.object({
  fiscalYear: zFiscalYear,
  moa: zMoaCode.optional(),
});
export type ReportRequest = z.output<typeof zReportRequest>;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A file a procedure hands back. Over tRPC it travels as base64 in JSON; the REST API serves procedures
 * declaring this output as the file itself (server/http/file-download.ts), so `GET …/report.xlsx` is a
 * download, and the OpenAPI document says so.
 */
export const zFileDownload = z.object({ fileName: z.string(), contentType: z.string(), contentBase64: z.string() }).meta({ id: 'FileDownload' });
export type FileDownload = z.infer<typeof zFileDownload>;
