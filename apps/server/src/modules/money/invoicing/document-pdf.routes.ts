/**
 * The staff download of an issued document's PDF: GET /s/:slug/money/documents/:id/pdf (and /money/documents/:id/pdf
 * on a studio sub-domain). A plain HTTP route, not tRPC, so the browser downloads the stored bytes as they are
 * (the PDF frozen at issue, never re-rendered). The session cookie, membership and `money:manage` are checked as for
 * the audio uploads (staff-access.ts); the key is the document's own and must lie under this studio's files.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Platform } from '../../../platform/platform.ts';
import { fileStorage } from '../../../platform/storage/storage.ts';
import { isUuid, keyBelongsToStudio } from '../../../platform/storage/keys.ts';
import { attachmentDisposition } from '../../audio/http-range.ts';
import { isRefusal, staffAccess } from '../../audio/staff-access.ts';

type PdfRequest = FastifyRequest<{ Params: { id: string } }>;

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send({ code, message });
}

async function servePdf(platform: Platform, req: PdfRequest, reply: FastifyReply) {
  const access = await staffAccess(platform, req, 'money:manage');
  if (isRefusal(access)) return refuse(reply, access.status, access.code, access.message);
  const { id } = req.params;
  if (!isUuid(id)) return refuse(reply, 404, 'NOT_FOUND', 'Not found');
  const doc = await platform.directory.withTenant(access.studio.location, async (db) => {
    const [row] = await db
      .select({ number: tenant.moneyDocuments.number, pdfKey: tenant.moneyDocuments.pdfKey })
      .from(tenant.moneyDocuments)
      .where(eq(tenant.moneyDocuments.id, id))
      .limit(1);
    return row ?? null;
  });
  // A draft has no PDF; a key outside this studio's files is never served, whatever the row says.
  if (!doc?.pdfKey || !doc.number || !keyBelongsToStudio(doc.pdfKey, access.studio.id)) return refuse(reply, 404, 'NOT_FOUND', 'Not found');
  const storage = fileStorage(platform.config);
  const stat = await storage.stat(doc.pdfKey);
  if (!stat) return refuse(reply, 404, 'NOT_FOUND', 'Not found');
  return reply
    .code(200)
    .header('content-type', 'application/pdf')
    .header('content-length', String(stat.size))
    .header('content-disposition', attachmentDisposition(`${doc.number}.pdf`))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(await storage.get(doc.pdfKey));
}

export function registerDocumentPdfRoutes(app: FastifyInstance, platform: Platform): void {
  for (const prefix of ['/s/:slug/money/documents', '/money/documents']) {
    app.get<{ Params: { id: string } }>(`${prefix}/:id/pdf`, (req, reply) => servePdf(platform, req, reply));
  }
}
