/** Output shapes of the projects, tracks and credits procedures: nothing leaves unshaped. */
import { z } from 'zod';
import { CREDIT_ROLES, PROJECT_STAGES, PROJECT_TYPES, TRACK_STAGE_STATUSES, TRACK_STAGES } from '@rsm/shared/projects-schemas';

const SESSION_STATUSES = ['hold', 'confirmed', 'in_progress', 'completed', 'cancelled', 'no_show'] as const;

export const memberOutput = z.object({ userId: z.string(), name: z.string(), role: z.string() });

export const projectOutput = z.object({
  id: z.string(),
  name: z.string(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  type: z.enum(PROJECT_TYPES),
  stage: z.enum(PROJECT_STAGES),
  dueDate: z.string().nullable(),
  budgetCents: z.number().int().nullable(),
  currency: z.string(),
  notes: z.string(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  trackCount: z.number().int(),
  members: z.array(memberOutput),
});

export const projectListOutput = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(projectOutput) });

export const linkedSessionOutput = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(SESSION_STATUSES),
  roomName: z.string(),
});

export const projectDetailOutput = projectOutput.extend({ sessions: z.array(linkedSessionOutput) });

export const boardOutput = z.array(
  z.object({
    stage: z.enum(PROJECT_STAGES),
    total: z.number().int(),
    cards: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        type: z.enum(PROJECT_TYPES),
        stage: z.enum(PROJECT_STAGES),
        clientId: z.string().nullable(),
        clientName: z.string().nullable(),
        dueDate: z.string().nullable(),
        trackCount: z.number().int(),
        members: z.array(memberOutput),
      }),
    ),
  }),
);

export const linkableSessionOutput = linkedSessionOutput.extend({ sameClient: z.boolean() });

export const trackOutput = z.object({
  id: z.string(),
  projectId: z.string(),
  number: z.number().int(),
  title: z.string(),
  isrc: z.string(),
  bpm: z.number().nullable(),
  musicalKey: z.string(),
  durationSeconds: z.number().int().nullable(),
  stageStatus: z.partialRecord(z.enum(TRACK_STAGES), z.enum(TRACK_STAGE_STATUSES)),
  lyrics: z.string(),
  notes: z.string(),
  currentVersionId: z.string().nullable(),
  updatedAt: z.string(),
  versionCount: z.number().int(),
  creditCount: z.number().int(),
});

export const trackDetailOutput = trackOutput.extend({ projectName: z.string(), projectArchived: z.boolean(), trackTotal: z.number().int() });

export const creditOutput = z.object({
  id: z.string(),
  trackId: z.string(),
  personName: z.string(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  roles: z.array(z.enum(CREDIT_ROLES)),
  instruments: z.array(z.string()),
  splitPercent: z.number().nullable(),
  position: z.number().int(),
});

export const idOutput = z.object({ id: z.string() });
