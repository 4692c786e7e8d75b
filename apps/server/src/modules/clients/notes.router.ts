/** `clients.notes.*`: the notes timeline of a client. */
import { z } from 'zod';
import { addNoteInput, editNoteInput, listNotesInput } from '@rsm/shared/clients-schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import { okOutput } from '../../trpc/outputs.ts';
import { notesOutput } from './clients.outputs.ts';
import { addNote, deleteNote, editNote, listNotes } from './notes.service.ts';

const write = studioProcedure.requires('clients:write');

export const clientNotesRouter = router({
  list: studioProcedure
    .requires('clients:read')
    .input(listNotesInput)
    .output(notesOutput)
    .query(async ({ ctx, input }) => listNotes(ctx.platform, await ctx.tenant(), ctx.actor, input.clientId, input.page, input.pageSize)),
  add: write
    .input(addNoteInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => addNote(await ctx.tenant(), ctx.actor, input.clientId, input.body)),
  edit: write
    .input(editNoteInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await editNote(await ctx.tenant(), ctx.actor, input.id, input.body);
      return { ok: true as const };
    }),
  remove: write
    .input(z.object({ id: z.string().uuid() }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await deleteNote(await ctx.tenant(), ctx.actor, input.id);
      return { ok: true as const };
    }),
});
