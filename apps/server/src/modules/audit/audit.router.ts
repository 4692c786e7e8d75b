/** `audit.*`: the studio's activity log for owners and whoever the role table grants `audit:read`. */
import { READS_IN_READ_ONLY } from '../../trpc/read-only-meta.ts';
import { inArray } from 'drizzle-orm';
import { control } from '@rsm/db';
import { auditFacetsOutput, auditFiltersInput, auditListInput, auditListOutput } from '@rsm/shared/audit-schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import type { ControlDb } from '../../platform/postgres/control-db.ts';
import { fileOutput } from '../clients/clients.outputs.ts';
import { auditFacets, auditRowsForExport, listAudit, type ActorNames } from './audit-log.service.ts';
import { auditCsv } from './audit-csv.ts';
import { recordAudit } from './audit.service.ts';

const read = studioProcedure.requires('audit:read');

/** Names only: the log shows who acted, never their e-mail. */
function actorNames(controlDb: ControlDb): ActorNames {
  return async (ids) => {
    const rows = await controlDb.select({ id: control.users.id, name: control.users.name }).from(control.users).where(inArray(control.users.id, ids));
    return new Map(rows.map((r) => [r.id, r.name]));
  };
}

export const auditRouter = router({
  list: read
    .input(auditListInput)
    .output(auditListOutput)
    .query(async ({ ctx, input }) => listAudit(await ctx.tenant(), actorNames(ctx.platform.controlDb), input)),
  facets: read.output(auditFacetsOutput).query(async ({ ctx }) => auditFacets(await ctx.tenant(), actorNames(ctx.platform.controlDb))),
  // A mutation because taking the log out of the studio is itself recorded in it.
  exportCsv: read
    .meta(READS_IN_READ_ONLY)
    .input(auditFiltersInput)
    .output(fileOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const entries = await auditRowsForExport(db, actorNames(ctx.platform.controlDb), input);
      await recordAudit(db, ctx.actor, 'audit.exported', 'audit', null, { rows: entries.length, ...input });
      const day = ctx.platform.clock.now().toISOString().slice(0, 10);
      return { filename: `activity-log-${day}.csv`, mimeType: 'text/csv;charset=utf-8', content: auditCsv(entries) };
    }),
});
