/** `clients.*`: the CRM (list, search, profile, tags, contacts, history); notes and data tools in their own files. */
import {
  clientIdInput,
  clientSessionsInput,
  createClientInput,
  linkContactInput,
  listClientsInput,
  pickClientsInput,
  tagInput,
  unlinkContactInput,
  updateClientInput,
} from '@rsm/shared/clients-schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import { okOutput } from '../../trpc/outputs.ts';
import { clientProjects, clientSessions } from './client-history.service.ts';
import {
  clientDetailOutput,
  clientListOutput,
  clientOutput,
  clientPickOutput,
  clientProjectsOutput,
  clientSessionsOutput,
  tagsOutput,
} from './clients.outputs.ts';
import { listClients, pickClients, tagsInUse } from './clients-search.service.ts';
import {
  changeTag,
  clientView,
  contactsOf,
  createClient,
  likelyDuplicates,
  linkContact,
  liveClient,
  setArchived,
  unlinkContact,
  updateClient,
} from './clients.service.ts';
import { clientDataProcedures } from './client-data.router.ts';
import { clientNotesRouter } from './notes.router.ts';

const read = studioProcedure.requires('clients:read');
const write = studioProcedure.requires('clients:write');

export const clientsRouter = router({
  list: read
    .input(listClientsInput)
    .output(clientListOutput)
    .query(async ({ ctx, input }) => listClients(await ctx.tenant(), input, ctx.platform.clock.now())),
  /** Search-as-you-type for pickers (e.g. the calendar's client field). */
  pick: read
    .input(pickClientsInput)
    .output(clientPickOutput)
    .query(async ({ ctx, input }) => pickClients(await ctx.tenant(), input)),
  tags: read.output(tagsOutput).query(async ({ ctx }) => tagsInUse(await ctx.tenant())),
  get: read
    .input(clientIdInput)
    .output(clientDetailOutput)
    .query(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const client = await liveClient(db, input.id);
      const contacts = await contactsOf(db, client);
      return { client: clientView(client), contacts, duplicates: await likelyDuplicates(db, client) };
    }),
  sessions: read
    .input(clientSessionsInput)
    .output(clientSessionsOutput)
    .query(async ({ ctx, input }) => clientSessions(await ctx.tenant(), ctx.platform.clock.now(), input)),
  projects: read
    .input(clientIdInput)
    .output(clientProjectsOutput)
    .query(async ({ ctx, input }) => clientProjects(await ctx.tenant(), input.id)),

  create: write
    .input(createClientInput)
    .output(clientOutput)
    .mutation(async ({ ctx, input }) => clientView(await createClient(await ctx.tenant(), ctx.actor, input))),
  update: write
    .input(updateClientInput)
    .output(clientOutput)
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      return clientView(await updateClient(await ctx.tenant(), ctx.actor, id, fields));
    }),
  archive: write
    .input(clientIdInput)
    .output(clientOutput)
    .mutation(async ({ ctx, input }) => clientView(await setArchived(await ctx.tenant(), ctx.actor, input.id, true))),
  restore: write
    .input(clientIdInput)
    .output(clientOutput)
    .mutation(async ({ ctx, input }) => clientView(await setArchived(await ctx.tenant(), ctx.actor, input.id, false))),
  addTag: write
    .input(tagInput)
    .output(clientOutput)
    .mutation(async ({ ctx, input }) => clientView(await changeTag(await ctx.tenant(), ctx.actor, input.id, input.tag, true))),
  removeTag: write
    .input(tagInput)
    .output(clientOutput)
    .mutation(async ({ ctx, input }) => clientView(await changeTag(await ctx.tenant(), ctx.actor, input.id, input.tag, false))),
  linkContact: write
    .input(linkContactInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await linkContact(await ctx.tenant(), ctx.actor, input);
      return { ok: true as const };
    }),
  unlinkContact: write
    .input(unlinkContactInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await unlinkContact(await ctx.tenant(), ctx.actor, input.companyId, input.personId);
      return { ok: true as const };
    }),
  notes: clientNotesRouter,
  ...clientDataProcedures,
});
