/** The studio's settings of its public booking page (staff, studio:write to change them). */
import { z } from 'zod';
import { bookingPageSettingsInput, logoUploadInput, roomPublicInput } from '@rsm/shared/booking-page-schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import { getBookingPageSettings, removeLogo, setLogo, setRoomPublic, updateBookingPageSettings } from './booking-page-settings.service.ts';

const settingsOutput = z.object({
  publicBookingEnabled: z.boolean(),
  instantBooking: z.boolean(),
  requireApproval: z.boolean(),
  holdHours: z.number().int(),
  depositPercent: z.number().int(),
  depositDueHours: z.number().int(),
  transferDetails: z.string(),
  cancellationTiers: z.array(z.object({ daysBefore: z.number().int(), refundPercent: z.number().int() })),
  policyText: z.string(),
  portalChangeCutoffHours: z.number().int(),
  minNoticeHours: z.number().int(),
  bookingWindowDays: z.number().int(),
  brandColor: z.string(),
  welcomeText: z.string(),
  logoVersion: z.number().nullable(),
});

const roomOutput = z.object({ id: z.string(), name: z.string(), description: z.string(), publicBooking: z.boolean(), color: z.string() });

export const bookingPageRouter = router({
  settings: studioProcedure
    .requires('studio:read')
    .output(settingsOutput.extend({ rooms: z.array(roomOutput), hasOpeningHours: z.boolean() }))
    .query(async ({ ctx }) => getBookingPageSettings(await ctx.tenant())),

  updateSettings: studioProcedure
    .requires('studio:write')
    .input(bookingPageSettingsInput)
    .output(settingsOutput)
    .mutation(async ({ ctx, input }) => updateBookingPageSettings(await ctx.tenant(), ctx.actor, input)),

  uploadLogo: studioProcedure
    .requires('studio:write')
    .input(logoUploadInput)
    .output(settingsOutput)
    .mutation(async ({ ctx, input }) => setLogo(await ctx.tenant(), ctx.actor, input.dataBase64)),

  removeLogo: studioProcedure
    .requires('studio:write')
    .output(settingsOutput)
    .mutation(async ({ ctx }) => removeLogo(await ctx.tenant(), ctx.actor)),

  updateRoom: studioProcedure
    .requires('studio:write')
    .input(roomPublicInput)
    .output(roomOutput)
    .mutation(async ({ ctx, input }) => setRoomPublic(await ctx.tenant(), ctx.actor, input)),
});
