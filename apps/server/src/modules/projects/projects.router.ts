import { z } from 'zod';
import { text } from '@rsm/shared/text';
import { idInput } from '@rsm/shared/schemas';
import {
  createProjectInput,
  listProjectsInput,
  moveProjectInput,
  projectNotesInput,
  projectSessionInput,
  setProjectMembersInput,
  updateProjectInput,
} from '@rsm/shared/projects-schemas';
import { okOutput } from '../../trpc/outputs.ts';
import { router, studioProcedure } from '../../trpc/init.ts';
import type { Platform } from '../../platform/platform.ts';
import { userNames } from '../members/user-names.ts';
import { loadBoard, moveProject } from './board.service.ts';
import { linkableSessions, linkSession, setProjectMembers, studioMemberCheck, unlinkSession } from './project-links.service.ts';
import { createProject, getProject, listProjects, setProjectArchived, setProjectNotes, updateProject } from './projects.service.ts';
import { boardOutput, idOutput, linkableSessionOutput, projectDetailOutput, projectListOutput } from './projects.views.ts';

const namesFrom = (platform: Platform) => (ids: string[]) => userNames(platform, ids);
const read = studioProcedure.requires('projects:read');
const write = studioProcedure.requires('projects:write');

export const projectsRouter = router({
  list: read
    .input(listProjectsInput)
    .output(projectListOutput)
    .query(async ({ ctx, input }) => listProjects(await ctx.tenant(), input, namesFrom(ctx.platform))),

  board: read
    .input(z.object({ perStage: z.number().int().min(1).max(200).default(100) }).optional())
    .output(boardOutput)
    .query(async ({ ctx, input }) => loadBoard(await ctx.tenant(), input?.perStage ?? 100, namesFrom(ctx.platform))),

  get: read
    .input(idInput)
    .output(projectDetailOutput)
    .query(async ({ ctx, input }) => getProject(await ctx.tenant(), input.id, namesFrom(ctx.platform))),

  linkableSessions: read
    .input(z.object({ projectId: z.string().uuid(), search: text().max(100).default('') }))
    .output(z.array(linkableSessionOutput))
    .query(async ({ ctx, input }) => linkableSessions(await ctx.tenant(), input.projectId, input.search)),

  create: write
    .input(createProjectInput)
    .output(idOutput)
    .mutation(async ({ ctx, input }) => ({
      id: await createProject(await ctx.tenant(), ctx.actor, ctx.studio.currency, input, studioMemberCheck(ctx.platform, ctx.studio.id)),
    })),

  update: write
    .input(updateProjectInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      await updateProject(await ctx.tenant(), ctx.actor, id, fields);
      return { ok: true as const };
    }),

  setNotes: write
    .input(projectNotesInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setProjectNotes(await ctx.tenant(), ctx.actor, input.id, input.notes);
      return { ok: true as const };
    }),

  move: write
    .input(moveProjectInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await moveProject(await ctx.tenant(), ctx.actor, input);
      return { ok: true as const };
    }),

  archive: write
    .input(idInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setProjectArchived(await ctx.tenant(), ctx.actor, input.id, true);
      return { ok: true as const };
    }),

  restore: write
    .input(idInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setProjectArchived(await ctx.tenant(), ctx.actor, input.id, false);
      return { ok: true as const };
    }),

  setMembers: write
    .input(setProjectMembersInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setProjectMembers(await ctx.tenant(), ctx.actor, input.projectId, input.members, studioMemberCheck(ctx.platform, ctx.studio.id));
      return { ok: true as const };
    }),

  linkSession: write
    .input(projectSessionInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await linkSession(await ctx.tenant(), ctx.actor, input.projectId, input.sessionId);
      return { ok: true as const };
    }),

  unlinkSession: write
    .input(projectSessionInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await unlinkSession(await ctx.tenant(), ctx.actor, input.projectId, input.sessionId);
      return { ok: true as const };
    }),
});
