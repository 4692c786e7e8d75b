import { z } from 'zod';
import { idInput, roomInput, roomUpdateInput } from '@rsm/shared/schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import { createRoom, listRooms, setRoomArchived, updateRoom } from './rooms.service.ts';

export const roomOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  hourlyRateCents: z.number().int(),
  capacity: z.number().int(),
  color: z.string(),
  archivedAt: z.string().nullable(),
});

export const roomsRouter = router({
  list: studioProcedure
    .requires('rooms:read')
    .input(z.object({ includeArchived: z.boolean().optional() }).optional())
    .output(z.array(roomOutput))
    .query(async ({ ctx, input }) => listRooms(await ctx.tenant(), { includeArchived: input?.includeArchived ?? false })),

  create: studioProcedure
    .requires('rooms:write')
    .input(roomInput)
    .output(roomOutput)
    .mutation(async ({ ctx, input }) => createRoom(await ctx.tenant(), ctx.actor, input)),

  update: studioProcedure
    .requires('rooms:write')
    .input(roomUpdateInput)
    .output(roomOutput)
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      return updateRoom(await ctx.tenant(), ctx.actor, id, fields);
    }),

  archive: studioProcedure
    .requires('rooms:write')
    .input(idInput)
    .output(roomOutput)
    .mutation(async ({ ctx, input }) => setRoomArchived(await ctx.tenant(), ctx.actor, input.id, true)),

  restore: studioProcedure
    .requires('rooms:write')
    .input(idInput)
    .output(roomOutput)
    .mutation(async ({ ctx, input }) => setRoomArchived(await ctx.tenant(), ctx.actor, input.id, false)),
});
