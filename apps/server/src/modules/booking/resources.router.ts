import { z } from 'zod';
import { clientInput, engineerInput, gearInput, roomRulesInput } from '@rsm/shared/booking-schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import { listClients, listEngineers, listGear, listRoomsWithRules, saveClient, saveEngineer, saveGear, updateRoomRules } from './resources.service.ts';

const withId = <T extends z.ZodRawShape>(schema: z.ZodObject<T>) => schema.extend({ id: z.string().uuid() });

export const engineerOutput = z.object({ id: z.string(), userId: z.string().nullable(), name: z.string(), email: z.string(), bookable: z.boolean(), hourlyRateCents: z.number().int(), color: z.string() });
export const gearOutput = z.object({ id: z.string(), name: z.string(), category: z.string(), serialNumber: z.string(), bookable: z.boolean(), status: z.enum(['available', 'maintenance', 'retired']), dailyRateCents: z.number().int() });
export const clientOutput = z.object({ id: z.string(), name: z.string(), email: z.string(), phone: z.string() });
export const roomRulesOutput = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string(),
  hourlyRateCents: z.number().int(),
  halfDayRateCents: z.number().int().nullable(),
  dayRateCents: z.number().int().nullable(),
  hourlyRateWithEngineerCents: z.number().int().nullable(),
  setupBufferMinutes: z.number().int(),
  teardownBufferMinutes: z.number().int(),
  minDurationMinutes: z.number().int(),
  incrementMinutes: z.number().int(),
  overtimeBlockMinutes: z.number().int(),
  linkedRoomIds: z.array(z.string()),
});

export const bookingResourcesRouter = router({
  /** Everything the calendar needs to draw columns and fill the booking form, in one call. */
  all: studioProcedure
    .requires('resources:read')
    .output(z.object({ rooms: z.array(roomRulesOutput), engineers: z.array(engineerOutput), gear: z.array(gearOutput), clients: z.array(clientOutput) }))
    .query(async ({ ctx }) => {
      const db = await ctx.tenant();
      // one connection per request: queries go one after another
      const rooms = await listRoomsWithRules(db);
      const engineers = await listEngineers(db);
      const gear = await listGear(db);
      const clients = await listClients(db);
      // output schemas strip every column the browser does not need
      return { rooms: rooms.map((r) => roomRulesOutput.parse(r)), engineers: engineers.map((e) => engineerOutput.parse(e)), gear: gear.map((g) => gearOutput.parse(g)), clients: clients.map((c) => clientOutput.parse(c)) };
    }),

  updateRoomRules: studioProcedure
    .requires('resources:write')
    .input(roomRulesInput)
    .output(roomRulesOutput)
    .mutation(async ({ ctx, input }) => roomRulesOutput.parse(await updateRoomRules(await ctx.tenant(), ctx.actor, input))),

  createEngineer: studioProcedure.requires('resources:write').input(engineerInput).output(engineerOutput).mutation(async ({ ctx, input }) => engineerOutput.parse(await saveEngineer(await ctx.tenant(), ctx.actor, input))),
  updateEngineer: studioProcedure
    .requires('resources:write')
    .input(withId(engineerInput))
    .output(engineerOutput)
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      return engineerOutput.parse(await saveEngineer(await ctx.tenant(), ctx.actor, fields, id));
    }),
  createGear: studioProcedure.requires('resources:write').input(gearInput).output(gearOutput).mutation(async ({ ctx, input }) => gearOutput.parse(await saveGear(await ctx.tenant(), ctx.actor, input))),
  updateGear: studioProcedure
    .requires('resources:write')
    .input(withId(gearInput))
    .output(gearOutput)
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      return gearOutput.parse(await saveGear(await ctx.tenant(), ctx.actor, fields, id));
    }),
  createClient: studioProcedure.requires('clients:write').input(clientInput).output(clientOutput).mutation(async ({ ctx, input }) => clientOutput.parse(await saveClient(await ctx.tenant(), ctx.actor, input))),
});
