/**
 * GET [/s/:slug]/api/money/exports/:file?from&to&separator&decimalComma — the accountant's files for a period
 * (`money:manage`, session cookie): documents.csv, payments.csv, vat-summary.csv, documents.zip (the issued PDFs,
 * streamed). Each export is recorded in the studio's audit log: financial data leaving the studio.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isoDateSchema } from '@rsm/shared/money-documents-schemas';
import type { Platform } from '../../../platform/platform.ts';
import { fileStorage } from '../../../platform/storage/storage.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { attachmentDisposition } from '../../audio/http-range.ts';
import { isRefusal, staffAccess } from '../../audio/staff-access.ts';
import { documentsCsv, issuedPdfs, paymentsCsv, vatSummaryCsv, type Period } from './accounting-export.service.ts';
import { csvOptionsSchema } from './csv-format.ts';
import { zipOfPdfs } from './pdf-zip.ts';

const FILES = ['documents.csv', 'payments.csv', 'vat-summary.csv', 'documents.zip'] as const;
type ExportFile = (typeof FILES)[number];
/** A few years at most: an export is a period's, not the whole history at once. */
const MAX_DAYS = 3 * 366;

const querySchema = csvOptionsSchema
  .extend({
    from: isoDateSchema,
    to: isoDateSchema,
    decimalComma: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .refine((q) => q.from <= q.to && (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= MAX_DAYS, { message: 'The period is not valid' });

const CSV_MAKERS = { 'documents.csv': documentsCsv, 'payments.csv': paymentsCsv, 'vat-summary.csv': vatSummaryCsv } as const;

async function serveExport(platform: Platform, req: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) {
  const access = await staffAccess(platform, req, 'money:manage');
  if (isRefusal(access)) return reply.code(access.status).send({ code: access.code, message: access.message });
  const file = req.params.file as ExportFile;
  if (!FILES.includes(file)) return reply.code(404).send({ code: 'NOT_FOUND', message: 'No such export' });
  const query = querySchema.safeParse(req.query);
  if (!query.success) return reply.code(400).send({ code: 'BAD_REQUEST', message: 'Choose a valid period (from ≤ to) and options' });
  const { from, to, ...options } = query.data;
  const period: Period = { from, to };
  const name = `${access.studio.slug}-${file.replace('.', `-${from}-${to}.`)}`;
  const { studio, actor } = access;
  const content = await platform.directory.withTenant(studio.location, async (db) => {
    const made = file === 'documents.zip' ? await issuedPdfs(db, period) : await CSV_MAKERS[file](db, period, options);
    await recordAudit(db, actor, 'money.exported', 'money_export', null, { file, from, to });
    return made;
  });
  void reply.header('cache-control', 'private, no-store').header('content-disposition', attachmentDisposition(name));
  // The tenant connection is released before the bytes flow.
  if (typeof content === 'string') return reply.type('text/csv; charset=utf-8').send(content);
  return reply.type('application/zip').send(zipOfPdfs(fileStorage(platform.config), content));
}

export function registerMoneyExportRoutes(app: FastifyInstance, platform: Platform): void {
  for (const prefix of ['/s/:slug/api/money/exports', '/api/money/exports']) {
    app.get<{ Params: { file: string } }>(`${prefix}/:file`, (req, reply) => serveExport(platform, req, reply));
  }
}
