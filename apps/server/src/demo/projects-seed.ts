/**
 * The demo studio's projects: a board with work in every stage (an album being recorded, a single
 * in mixing, a podcast in editing…), tracks with their metadata and progress, credits with splits
 * that add up, the team, and the sessions the album was recorded in. Runs after the bookings seed,
 * whose clients and sessions it links to.
 */
import { inArray, sql } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import type { ProjectStage, ProjectType, TrackStage, TrackStageStatus } from '@rsm/shared/projects-schemas';
import type { Platform } from '../platform/platform.ts';
import type { TenantDb } from '../platform/tenancy/directory.ts';
import { POSITION_STEP } from '../modules/projects/board-positions.ts';

type Status = Partial<Record<TrackStage, TrackStageStatus>>;
type DemoCredit = { person: string; roles: string[]; instruments?: string[]; split?: number };
type DemoTrack = { title: string; isrc?: string; bpm?: number; key?: string; duration?: number; status: Status; credits?: DemoCredit[] };
type DemoProject = {
  name: string;
  client?: string;
  type: ProjectType;
  stage: ProjectStage;
  dueInDays?: number;
  budgetCents?: number;
  team: [email: string, role: string][];
  notes?: string;
  archived?: boolean;
  sessionsOf?: string;
  tracks: DemoTrack[];
};

const done: Status = { recording: 'done', editing: 'done', mixing: 'done', mastering: 'done' };
const band: DemoCredit[] = [
  { person: 'Camille Laurent', roles: ['producer'], split: 20 },
  { person: 'Théo Martin', roles: ['recording_engineer', 'mixing_engineer'], split: 10 },
  { person: 'Léa Garnier', roles: ['vocalist', 'lyricist'], split: 35 },
  { person: 'Hugo Petit', roles: ['musician', 'composer'], instruments: ['Guitar', 'Rhodes'], split: 35 },
  { person: 'Nina Rossi', roles: ['musician'], instruments: ['Drums'] },
];

const PROJECTS: DemoProject[] = [
  {
    name: 'Les Nuits Blanches — Debut Album',
    client: 'Les Nuits Blanches',
    type: 'album',
    stage: 'recording',
    dueInDays: 45,
    budgetCents: 1_200_000,
    team: [
      ['owner@demo.studio', 'Producer'],
      ['engineer@demo.studio', 'Recording engineer'],
    ],
    notes: 'Live takes for the rhythm section, vocals overdubbed in the booth. Strings on track 4 (quartet booked in week 3).',
    sessionsOf: 'Les Nuits Blanches',
    tracks: [
      { title: 'Minuit', isrc: 'FRZ032600001', bpm: 96, key: 'A minor', duration: 232, status: { recording: 'done', editing: 'in_progress' }, credits: band },
      {
        title: 'Boulevard',
        isrc: 'FRZ032600002',
        bpm: 122.5,
        key: 'D major',
        duration: 205,
        status: { recording: 'done', editing: 'done', mixing: 'in_progress' },
        credits: band,
      },
      { title: 'Les Quais', bpm: 84, key: 'F# minor', duration: 268, status: { recording: 'in_progress' }, credits: band.slice(0, 3) },
      { title: 'Aube (strings)', key: 'Eb major', status: { recording: 'todo' } },
      { title: 'Dernier Métro', bpm: 140, key: 'E minor', status: { recording: 'in_progress' } },
    ],
  },
  {
    name: 'Golden Hour',
    client: 'Maya Okafor',
    type: 'single',
    stage: 'mixing',
    dueInDays: 12,
    budgetCents: 250_000,
    team: [['manager@demo.studio', 'Mix engineer']],
    tracks: [
      {
        title: 'Golden Hour',
        isrc: 'GBAYE2600123',
        bpm: 104,
        key: 'Bb major',
        duration: 198,
        status: { recording: 'done', editing: 'done', mixing: 'in_progress' },
        credits: [
          { person: 'Maya Okafor', roles: ['vocalist', 'songwriter'], split: 50 },
          { person: 'Inès Moreau', roles: ['mixing_engineer'], split: 10 },
          { person: 'Sam Adeyemi', roles: ['producer', 'programmer'], instruments: ['Synths'], split: 40 },
        ],
      },
    ],
  },
  {
    name: 'Méridien Sessions',
    client: 'Disques Méridien',
    type: 'ep',
    stage: 'pre_production',
    dueInDays: 90,
    budgetCents: 600_000,
    team: [['owner@demo.studio', 'Producer']],
    notes: 'Label compilation: four artists, one day each. Demos received by e-mail.',
    tracks: [
      { title: 'Ouverture', status: {} },
      { title: 'Nocturne', status: {} },
      { title: 'Passage', status: {} },
      { title: 'Coda', status: {} },
    ],
  },
  {
    name: 'Lumière Podcast — Season 2',
    type: 'podcast',
    stage: 'editing',
    dueInDays: 20,
    team: [['assistant@demo.studio', 'Editor']],
    tracks: [
      { title: 'Episode 1 — The Room', duration: 2710, status: { recording: 'done', editing: 'in_progress' } },
      { title: 'Episode 2 — Tape', duration: 2455, status: { recording: 'done' } },
    ],
  },
  {
    name: 'Winter Tales',
    client: 'Disques Méridien',
    type: 'album',
    stage: 'mastering',
    dueInDays: 5,
    budgetCents: 900_000,
    team: [['manager@demo.studio', 'Mastering']],
    tracks: [{ title: 'Snowfall', isrc: 'FRZ032500010', bpm: 72, key: 'C minor', duration: 251, status: { ...done, mastering: 'in_progress' } }],
  },
  {
    name: 'Last Summer EP',
    client: 'Maya Okafor',
    type: 'ep',
    stage: 'delivered',
    dueInDays: -20,
    budgetCents: 400_000,
    team: [['engineer@demo.studio', 'Engineer']],
    tracks: [{ title: 'Last Summer', isrc: 'GBAYE2500077', bpm: 118, key: 'G major', duration: 214, status: done }],
  },
  { name: 'Old demos (2024)', type: 'other', stage: 'delivered', archived: true, team: [], tracks: [{ title: 'Demo 1', status: done }] },
];

export async function seedDemoProjects(platform: Platform, db: TenantDb, now: Date): Promise<void> {
  const clients = await db.select({ id: tenant.clients.id, name: tenant.clients.name }).from(tenant.clients);
  const clientId = (name?: string) => (name ? (clients.find((c) => c.name === name)?.id ?? null) : null);
  const emails = [...new Set(PROJECTS.flatMap((p) => p.team.map(([email]) => email)))];
  const users = await platform.controlDb
    .select({ id: control.users.id, email: control.users.email })
    .from(control.users)
    .where(inArray(control.users.email, emails));
  const perStage = new Map<ProjectStage, number>();

  for (const project of PROJECTS) {
    const position = (perStage.get(project.stage) ?? 0) + POSITION_STEP;
    perStage.set(project.stage, position);
    const due = project.dueInDays === undefined ? null : new Date(now.getTime() + project.dueInDays * 86_400_000).toISOString().slice(0, 10);
    const [row] = await db
      .insert(tenant.projects)
      .values({
        name: project.name,
        clientId: clientId(project.client),
        type: project.type,
        stage: project.stage,
        stagePosition: position,
        dueDate: due,
        budgetCents: project.budgetCents ?? null,
        currency: 'EUR',
        notes: project.notes ?? '',
        archivedAt: project.archived ? now : null,
      })
      .returning({ id: tenant.projects.id });
    const projectId = row!.id;
    const team = project.team.flatMap(([email, role]) => {
      const user = users.find((u) => u.email === email);
      return user ? [{ projectId, userId: user.id, role }] : [];
    });
    if (team.length) await db.insert(tenant.projectMembers).values(team);
    for (const [index, track] of project.tracks.entries()) {
      const [t] = await db
        .insert(tenant.tracks)
        .values({
          projectId,
          position: index + 1,
          title: track.title,
          isrc: track.isrc ?? '',
          bpm: track.bpm?.toFixed(2) ?? null,
          musicalKey: track.key ?? '',
          durationSeconds: track.duration ?? null,
          stageStatus: track.status,
        })
        .returning({ id: tenant.tracks.id });
      if (track.credits?.length) {
        await db.insert(tenant.trackCredits).values(
          track.credits.map((credit, i) => ({
            trackId: t!.id,
            personName: credit.person,
            roles: credit.roles,
            instruments: credit.instruments ?? [],
            splitPercent: credit.split?.toFixed(2) ?? null,
            position: i + 1,
            clientId: clientId(credit.person),
          })),
        );
      }
    }
    if (project.sessionsOf) {
      const owner = clientId(project.sessionsOf);
      if (owner)
        await db.execute(
          sql`INSERT INTO project_sessions (project_id, session_id) SELECT ${projectId}::uuid, id FROM sessions WHERE client_id = ${owner}::uuid AND status <> 'cancelled' ON CONFLICT DO NOTHING`,
        );
    }
  }
}
