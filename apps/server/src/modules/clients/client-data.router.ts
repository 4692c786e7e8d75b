/** Data tools of `clients.*`: merge, CSV import, CSV / vCard export, GDPR export and erasure. */
import { READS_IN_READ_ONLY } from '../../trpc/read-only-meta.ts';
import { z } from 'zod';
import { clientIdInput, eraseClientInput, exportClientsInput, importClientsInput, mergeClientsInput } from '@rsm/shared/clients-schemas';
import { studioProcedure } from '../../trpc/init.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { fileOutput, gdprExportOutput, importReportOutput } from './clients.outputs.ts';
import { exportCsv, exportVcard } from './export.service.ts';
import { eraseClient, exportClientData } from './gdpr.service.ts';
import { importClients } from './import.service.ts';
import { mergeClients } from './merge.service.ts';

const write = studioProcedure.requires('clients:write');
const erase = studioProcedure.requires('clients:erase');
/** Bulk personal data leaving the studio: owners and managers (see the role table). */
const exportClients = studioProcedure.requires('clients:export');
const stamp = (now: Date) => now.toISOString().slice(0, 10);

export const clientDataProcedures = {
  merge: write
    .input(mergeClientsInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => mergeClients(await ctx.tenant(), ctx.actor, input.survivorId, input.duplicateId)),
  /** Dry run (`dryRun: true`) writes nothing; the commit writes every valid line in one transaction. */
  import: write
    .input(importClientsInput)
    .output(importReportOutput)
    .mutation(async ({ ctx, input }) => importClients(await ctx.tenant(), ctx.actor, input.csv, input.dryRun)),
  // Exports are mutations because taking personal data out of the studio is recorded in its audit log.
  exportCsv: exportClients
    .meta(READS_IN_READ_ONLY)
    .input(exportClientsInput)
    .output(fileOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const content = await exportCsv(db, input.ids);
      await recordAudit(db, ctx.actor, 'client.exported', 'client', input.ids?.length === 1 ? input.ids[0]! : null, {
        format: 'csv',
        count: input.ids?.length ?? 'all',
      });
      return { filename: `clients-${stamp(ctx.platform.clock.now())}.csv`, mimeType: 'text/csv;charset=utf-8', content };
    }),
  exportVcard: exportClients
    .meta(READS_IN_READ_ONLY)
    .input(exportClientsInput)
    .output(fileOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const content = await exportVcard(db, input.ids);
      await recordAudit(db, ctx.actor, 'client.exported', 'client', input.ids?.length === 1 ? input.ids[0]! : null, {
        format: 'vcard',
        count: input.ids?.length ?? 'all',
      });
      return { filename: `clients-${stamp(ctx.platform.clock.now())}.vcf`, mimeType: 'text/vcard;charset=utf-8', content };
    }),
  gdprExport: erase
    .meta(READS_IN_READ_ONLY)
    .input(clientIdInput)
    .output(gdprExportOutput)
    .mutation(async ({ ctx, input }) => {
      const { json, summary } = await exportClientData(ctx.platform, await ctx.tenant(), ctx.actor, input.id);
      const base = `client-data-${stamp(ctx.platform.clock.now())}`;
      return {
        json: { filename: `${base}.json`, mimeType: 'application/json', content: JSON.stringify(json, null, 2) },
        summary: { filename: `${base}.md`, mimeType: 'text/markdown;charset=utf-8', content: summary },
      };
    }),
  erase: erase
    .input(eraseClientInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await eraseClient(await ctx.tenant(), ctx.actor, input.id, input.confirmName);
      return { ok: true as const };
    }),
};
