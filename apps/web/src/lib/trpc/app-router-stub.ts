/**
 * TEMPORARY: a type-only stand-in for the server's AppRouter, written from
 * docs/api-contract.md, used until apps/server/src/trpc/app-router.ts exists.
 * Nothing here runs in the browser (it is imported with `import type`).
 */
import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import {
  acceptInvitationInput,
  changeRoleInput,
  idInput,
  inviteMemberInput,
  localeSchema,
  logInInput,
  removeMemberInput,
  requestPasswordResetInput,
  resetPasswordInput,
  roomInput,
  roomUpdateInput,
  signUpInput,
  studioProfileInput,
  type Locale,
  type Permission,
  type Role,
} from '@rsm/shared';

const t = initTRPC.create();
const out = <T>() => null as unknown as T;

type StudioSummary = { slug: string; name: string; role: Role; onboarded: boolean };
type Room = { id: string; name: string; description: string; hourlyRateCents: number; capacity: number; color: string; archivedAt: string | null };
type Studio = {
  id: string; slug: string; name: string; timeZone: string; currency: string; locale: Locale; plan: string;
  trialEndsAt: string | null; onboardedAt: string | null; legalName: string; addressLine1: string; addressLine2: string;
  postalCode: string; city: string; country: string; phone: string; email: string; website: string; vatNumber: string;
  role: Role; permissions: Permission[];
};
type Ok = { ok: true };

export const stubRouter = t.router({
  auth: t.router({
    me: t.procedure.query(() => out<{ user: { id: string; name: string; email: string; locale: Locale; isOperator: boolean } | null; studios: StudioSummary[] }>()),
    signUp: t.procedure.input(signUpInput).mutation(() => out<{ studioSlug: string }>()),
    logIn: t.procedure.input(logInInput).mutation(() => out<{ studios: StudioSummary[] }>()),
    logOut: t.procedure.mutation(() => out<Ok>()),
    requestPasswordReset: t.procedure.input(requestPasswordResetInput).mutation(() => out<Ok>()),
    resetPassword: t.procedure.input(resetPasswordInput).mutation(() => out<Ok>()),
    setLocale: t.procedure.input(z.object({ locale: localeSchema })).mutation(() => out<Ok>()),
  }),
  invitations: t.router({
    preview: t.procedure
      .input(z.object({ token: z.string() }))
      .query(() => out<{ studioName: string; studioSlug: string; email: string; role: Role; accountExists: boolean; signedInAsInvitee: boolean }>()),
    accept: t.procedure.input(acceptInvitationInput).mutation(() => out<{ studioSlug: string }>()),
  }),
  operator: t.router({
    outbox: t.procedure
      .input(z.object({ limit: z.number().optional(), cursor: z.string().nullish() }))
      .query(() => out<{ items: { id: string; to: string; subject: string; textBody: string; htmlBody: string | null; template: string; createdAt: string }[]; nextCursor: string | null }>()),
  }),
  studio: t.router({
    get: t.procedure.query(() => out<Studio>()),
    update: t.procedure.input(studioProfileInput).mutation(() => out<Studio>()),
    completeOnboarding: t.procedure.mutation(() => out<Ok>()),
  }),
  rooms: t.router({
    list: t.procedure.input(z.object({ includeArchived: z.boolean().optional() }).optional()).query(() => out<Room[]>()),
    create: t.procedure.input(roomInput).mutation(() => out<Room>()),
    update: t.procedure.input(roomUpdateInput).mutation(() => out<Room>()),
    archive: t.procedure.input(idInput).mutation(() => out<Room>()),
    restore: t.procedure.input(idInput).mutation(() => out<Room>()),
  }),
  members: t.router({
    list: t.procedure.query(() => out<{ members: { userId: string; name: string; email: string; role: Role; joinedAt: string }[]; invitations: { id: string; email: string; role: Role; expiresAt: string; createdAt: string }[] }>()),
    invite: t.procedure.input(inviteMemberInput).mutation(() => out<{ invitationId: string; inviteUrl: string }>()),
    revokeInvitation: t.procedure.input(idInput).mutation(() => out<Ok>()),
    changeRole: t.procedure.input(changeRoleInput).mutation(() => out<Ok>()),
    remove: t.procedure.input(removeMemberInput).mutation(() => out<Ok>()),
  }),
  dashboard: t.router({
    summary: t.procedure.query(() => out<{ plan: string; trialEndsAt: string | null; trialDaysLeft: number | null; roomsActive: number; membersCount: number; rooms: Room[] }>()),
  }),
});

export type AppRouter = typeof stubRouter;
