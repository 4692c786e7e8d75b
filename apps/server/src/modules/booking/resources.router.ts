import { z } from 'zod';
import {
  clientInput,
  closureInput,
  engineerInput,
  gearInput,
  roomRulesInput,
  setEngineerHoursInput,
  setOpeningHoursInput,
  timeOffInput,
} from '@rsm/shared/booking-schemas';
import { addClosure, addTimeOff, archiveResource, listHours, removeClosure, removeTimeOff, setEngineerHours, setOpeningHours } from './hours.service.ts';
import { router, studioProcedure } from '../../trpc/init.ts';
import { listClients, listEngineers, listGear, listRoomsWithRules, saveClient, saveEngineer, saveGear } from './resources.service.ts';
import { updateRoomRules } from './room-rules.service.ts';
import { okOutput } from '../../trpc/outputs.ts';

const withId = <T extends z.ZodRawShape>(schema: z.ZodObject<T>) => schema.extend({ id: z.string().uuid() });

export const engineerOutput = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  email: z.string(),
  bookable: z.boolean(),
  hourlyRateCents: z.number().int(),
  color: z.string(),
});
export const gearOutput = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  serialNumber: z.string(),
  bookable: z.boolean(),
  status: z.enum(['available', 'maintenance', 'retired']),
  dailyRateCents: z.number().int(),
});
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
      return {
        rooms: rooms.map((r) => roomRulesOutput.parse(r)),
        engineers: engineers.map((e) => engineerOutput.parse(e)),
        gear: gear.map((g) => gearOutput.parse(g)),
        clients: clients.map((c) => clientOutput.parse(c)),
      };
    }),

  updateRoomRules: studioProcedure
    .requires('resources:write')
    .input(roomRulesInput)
    .output(roomRulesOutput)
    .mutation(async ({ ctx, input }) =>
      roomRulesOutput.parse(await updateRoomRules(await ctx.tenant(), ctx.studio, ctx.actor, input, ctx.platform.clock.now())),
    ),

  createEngineer: studioProcedure
    .requires('resources:write')
    .input(engineerInput)
    .output(engineerOutput)
    .mutation(async ({ ctx, input }) => engineerOutput.parse(await saveEngineer(await ctx.tenant(), ctx.actor, input))),
  updateEngineer: studioProcedure
    .requires('resources:write')
    .input(withId(engineerInput))
    .output(engineerOutput)
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      return engineerOutput.parse(await saveEngineer(await ctx.tenant(), ctx.actor, fields, id));
    }),
  createGear: studioProcedure
    .requires('resources:write')
    .input(gearInput)
    .output(gearOutput)
    .mutation(async ({ ctx, input }) => gearOutput.parse(await saveGear(await ctx.tenant(), ctx.actor, input))),
  updateGear: studioProcedure
    .requires('resources:write')
    .input(withId(gearInput))
    .output(gearOutput)
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      return gearOutput.parse(await saveGear(await ctx.tenant(), ctx.actor, fields, id));
    }),
  hours: studioProcedure
    .requires('resources:read')
    .output(
      z.object({
        opening: z.array(
          z.object({ id: z.string(), roomId: z.string().nullable(), weekday: z.number().int().min(1).max(7), opensAt: z.string(), closesAt: z.string() }),
        ),
        closures: z.array(z.object({ id: z.string(), roomId: z.string().nullable(), startsAt: z.string(), endsAt: z.string(), reason: z.string() })),
        engineerHours: z.array(
          z.object({ id: z.string(), engineerId: z.string(), weekday: z.number().int().min(1).max(7), startsAt: z.string(), endsAt: z.string() }),
        ),
        timeOff: z.array(z.object({ id: z.string(), engineerId: z.string(), startsAt: z.string(), endsAt: z.string(), reason: z.string() })),
      }),
    )
    .query(async ({ ctx }) => listHours(await ctx.tenant(), ctx.platform.clock.now())),
  setOpeningHours: studioProcedure
    .requires('resources:write')
    .input(setOpeningHoursInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setOpeningHours(await ctx.tenant(), ctx.actor, input.roomId, input.hours);
      return { ok: true as const };
    }),
  addClosure: studioProcedure
    .requires('resources:write')
    .input(closureInput)
    .output(z.object({ id: z.string(), roomId: z.string().nullable(), startsAt: z.string(), endsAt: z.string(), reason: z.string() }))
    .mutation(async ({ ctx, input }) =>
      addClosure(await ctx.tenant(), ctx.actor, { ...input, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) }),
    ),
  removeClosure: studioProcedure
    .requires('resources:write')
    .input(z.object({ id: z.string().uuid() }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await removeClosure(await ctx.tenant(), ctx.actor, input.id);
      return { ok: true as const };
    }),
  setEngineerHours: studioProcedure
    .requires('resources:write')
    .input(setEngineerHoursInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setEngineerHours(await ctx.tenant(), ctx.actor, input.engineerId, input.hours);
      return { ok: true as const };
    }),
  addTimeOff: studioProcedure
    .requires('resources:write')
    .input(timeOffInput)
    .output(z.object({ id: z.string(), engineerId: z.string(), startsAt: z.string(), endsAt: z.string(), reason: z.string() }))
    .mutation(async ({ ctx, input }) =>
      addTimeOff(await ctx.tenant(), ctx.actor, { ...input, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) }),
    ),
  removeTimeOff: studioProcedure
    .requires('resources:write')
    .input(z.object({ id: z.string().uuid() }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await removeTimeOff(await ctx.tenant(), ctx.actor, input.id);
      return { ok: true as const };
    }),
  archiveEngineer: studioProcedure
    .requires('resources:write')
    .input(z.object({ id: z.string().uuid() }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await archiveResource(await ctx.tenant(), ctx.actor, 'engineer', input.id);
      return { ok: true as const };
    }),
  archiveGear: studioProcedure
    .requires('resources:write')
    .input(z.object({ id: z.string().uuid() }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await archiveResource(await ctx.tenant(), ctx.actor, 'gear', input.id);
      return { ok: true as const };
    }),
  createClient: studioProcedure
    .requires('clients:write')
    .input(clientInput)
    .output(clientOutput)
    .mutation(async ({ ctx, input }) => clientOutput.parse(await saveClient(await ctx.tenant(), ctx.actor, input))),
});
