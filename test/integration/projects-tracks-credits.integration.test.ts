/**
 * Tracks and credits on a real studio database: validation (ISRC, BPM, key, splits), numbering and
 * reordering, deletion refused while audio versions exist, the 100 % ceiling on splits enforced by
 * the database itself (even for concurrent inserts and for writes that bypass the API), CSV export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, withStudioDb, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
let projectId: string;

type Track = {
  id: string;
  number: number;
  title: string;
  isrc: string;
  bpm: number | null;
  musicalKey: string;
  durationSeconds: number | null;
  stageStatus: Record<string, string>;
  versionCount: number;
};

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Track Sound' });
  projectId = (await studio.owner.mutate<{ id: string }>('projects.create', { name: 'Night Drive', type: 'album' }, studio.slug)).data!.id;
});
afterAll(async () => server?.close());

const mutate = (path: string, input: unknown) => studio.owner.mutate<{ id: string }>(path, input, studio.slug);
const tracks = async (id = projectId) => (await studio.owner.query<Track[]>('tracks.list', { projectId: id }, studio.slug)).data!;
async function newTrack(title: string, project = projectId): Promise<string> {
  const created = await mutate('tracks.create', { projectId: project, title });
  expect(created.error, JSON.stringify(created.error)).toBeUndefined();
  return created.data!.id;
}

describe('tracks', () => {
  it('numbers new tracks in order and saves validated metadata, ISRC normalised', async () => {
    const a = await newTrack('Intro');
    const b = await newTrack('Headlights');
    expect((await tracks()).map((t) => [t.title, t.number])).toEqual([
      ['Intro', 1],
      ['Headlights', 2],
    ]);
    const saved = await mutate('tracks.update', {
      id: b,
      isrc: ' fr z03 24 00001 ',
      bpm: 128.25,
      musicalKey: 'F# minor',
      durationSeconds: 245,
      stageStatus: { recording: 'done', mixing: 'in_progress' },
      lyrics: 'City lights…',
    });
    expect(saved.error, JSON.stringify(saved.error)).toBeUndefined();
    const got = (await studio.owner.query<Track>('tracks.get', { id: b }, studio.slug)).data!;
    expect(got).toMatchObject({
      isrc: 'FRZ032400001',
      bpm: 128.25,
      musicalKey: 'F# minor',
      durationSeconds: 245,
      stageStatus: { recording: 'done', mixing: 'in_progress' },
      projectName: 'Night Drive',
      trackTotal: 2,
    });
    expect((await mutate('tracks.update', { id: a, number: 2 })).error).toBeUndefined();
    expect((await tracks()).map((t) => t.title)).toEqual(['Headlights', 'Intro']);
    // a partial update leaves every other field as it was
    expect((await mutate('tracks.update', { id: b, title: 'Headlights (edit)' })).error).toBeUndefined();
    expect((await studio.owner.query<Track & { lyrics: string }>('tracks.get', { id: b }, studio.slug)).data).toMatchObject({
      title: 'Headlights (edit)',
      isrc: 'FRZ032400001',
      bpm: 128.25,
      musicalKey: 'F# minor',
      durationSeconds: 245,
      lyrics: 'City lights…',
      stageStatus: { recording: 'done', mixing: 'in_progress' },
    });
  });

  it('numbers tracks created at the same time 1…n without duplicates', async () => {
    const p = (await mutate('projects.create', { name: 'Concurrent Tracks' })).data!.id;
    const created = await Promise.all(Array.from({ length: 8 }, (_, i) => mutate('tracks.create', { projectId: p, title: `T${i}` })));
    expect(created.every((r) => r.error === undefined)).toBe(true);
    expect((await tracks(p)).map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses a malformed ISRC, a BPM ≤ 0 or with three decimals, a key off the list, a zero duration', async () => {
    const id = await newTrack('Validation');
    for (const [field, value] of [
      ['isrc', 'FR-Z03-24-0001'],
      ['isrc', '1R-Z03-24-00001'],
      ['bpm', 0],
      ['bpm', -10],
      ['bpm', 120.125],
      ['musicalKey', 'H minor'],
      ['durationSeconds', 0],
    ] as const) {
      const refused = await mutate('tracks.update', { id, [field]: value });
      expect(refused.error?.data.appCode, `${field}=${value}`).toBe('BAD_REQUEST');
      expect(Object.keys(refused.error!.data.fieldErrors!)).toEqual([field]);
    }
    const bad = await mutate('tracks.update', { id, isrc: 'nope' });
    expect(bad.error!.data.fieldErrors!.isrc).toEqual(['projects.errors.isrc_invalid']);
    const row = (await studio.owner.query<Track>('tracks.get', { id }, studio.slug)).data!;
    expect(row).toMatchObject({ isrc: '', bpm: null, musicalKey: '', durationSeconds: null });
  });

  it('reorders the whole list in one go, and refuses a list that is not exactly the project’s tracks', async () => {
    const p = (await mutate('projects.create', { name: 'Reorder EP' })).data!.id;
    const ids = [await newTrack('One', p), await newTrack('Two', p), await newTrack('Three', p)];
    expect((await mutate('tracks.reorder', { parentId: p, ids: [ids[2], ids[0], ids[1]] })).error).toBeUndefined();
    expect((await tracks(p)).map((t) => [t.title, t.number])).toEqual([
      ['Three', 1],
      ['One', 2],
      ['Two', 3],
    ]);
    const partial = await mutate('tracks.reorder', { parentId: p, ids: [ids[0], ids[1]] });
    expect(partial.error?.data).toMatchObject({ appCode: 'CONFLICT', params: { reason: 'tracks_changed' } });
    const foreign = await mutate('tracks.reorder', { parentId: p, ids: [ids[0], ids[1], projectId] });
    expect(foreign.error?.data.appCode).toBe('CONFLICT');
    expect((await tracks(p)).map((t) => t.title)).toEqual(['Three', 'One', 'Two']);
  });

  it('deletes a track without versions and renumbers; refuses one with audio versions', async () => {
    const p = (await mutate('projects.create', { name: 'Delete Single' })).data!.id;
    const [first, second, third] = [await newTrack('A', p), await newTrack('B', p), await newTrack('C', p)];
    expect((await mutate('tracks.delete', { id: first })).error).toBeUndefined();
    expect((await tracks(p)).map((t) => [t.title, t.number])).toEqual([
      ['B', 1],
      ['C', 2],
    ]);
    await withStudioDb(server, studio.id, async (db) => {
      const [file] = await db
        .insert(tenant.storedFiles)
        .values({ storageKey: `t/${third}`, originalName: 'c.wav', sizeBytes: 10, format: 'wav', mimeType: 'audio/wav', sha256: 'x' })
        .returning({ id: tenant.storedFiles.id });
      await db.insert(tenant.trackVersions).values({ trackId: third!, number: 1, fileId: file!.id });
    });
    const refused = await mutate('tracks.delete', { id: third });
    expect(refused.error?.data).toMatchObject({ appCode: 'CONFLICT', params: { reason: 'track_has_versions', versions: 1 } });
    expect((await tracks(p)).map((t) => t.id)).toEqual([second, third]);
  });
});

describe('credits', () => {
  let trackId: string;
  beforeAll(async () => {
    trackId = await newTrack('Credits Track');
  });
  const credit = (personName: string, splitPercent: number | null, extra: Record<string, unknown> = {}) =>
    mutate('credits.create', { trackId, personName, roles: ['musician'], splitPercent, ...extra });
  const splits = async (id = trackId) =>
    (await studio.owner.query<{ personName: string; splitPercent: number | null }[]>('credits.list', { trackId: id }, studio.slug)).data!;

  it('adds credits with roles, instruments and splits up to exactly 100 %', async () => {
    expect((await credit('Ana Producer', 33.33, { roles: ['producer', 'mixing_engineer'] })).error).toBeUndefined();
    expect((await credit('Ben Bass', 33.33, { instruments: ['Bass', 'Moog'] })).error).toBeUndefined();
    expect((await credit('Cleo Voice', 33.34, { roles: ['vocalist', 'lyricist'] })).error).toBeUndefined();
    expect((await credit('Dan Session', null)).error).toBeUndefined();
    expect((await splits()).map((c) => [c.personName, c.splitPercent])).toEqual([
      ['Ana Producer', 33.33],
      ['Ben Bass', 33.33],
      ['Cleo Voice', 33.34],
      ['Dan Session', null],
    ]);
  });

  it('refuses a credit or an edit that takes the total past 100 %, naming the total', async () => {
    const over = await credit('Eve Extra', 0.01);
    expect(over.error?.data).toMatchObject({ appCode: 'CONFLICT', params: { reason: 'splits_over_100', total: 100.01 } });
    const dan = (await studio.owner.query<{ id: string; personName: string }[]>('credits.list', { trackId }, studio.slug)).data!.find(
      (c) => c.personName === 'Dan Session',
    )!;
    const edit = await mutate('credits.update', {
      id: dan.id,
      personName: 'Dan Session',
      clientId: null,
      roles: ['musician'],
      instruments: [],
      splitPercent: 5,
    });
    expect(edit.error?.data.params).toMatchObject({ reason: 'splits_over_100', total: 105 });
    expect((await splits()).map((c) => c.personName)).not.toContain('Eve Extra');
  });

  it('refuses bad credit input: no role, unknown role, split over 100 or with three decimals', async () => {
    for (const input of [{ roles: [] }, { roles: ['kazoo_hero'] }, { splitPercent: 101 }, { splitPercent: 10.005 }, { splitPercent: -1 }]) {
      const refused = await mutate('credits.create', { trackId, personName: 'Bad', roles: ['musician'], splitPercent: null, ...input });
      expect(refused.error?.data.appCode, JSON.stringify(input)).toBe('BAD_REQUEST');
    }
  });

  it('concurrent credits never total more than 100 %: of ten 60 % inserts at once exactly one lands', async () => {
    const id = await newTrack('Race Track');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => mutate('credits.create', { trackId: id, personName: `Racer ${i}`, roles: ['songwriter'], splitPercent: 60 })),
    );
    expect(results.filter((r) => r.error === undefined)).toHaveLength(1);
    expect(results.filter((r) => r.error?.data.params.reason === 'splits_over_100')).toHaveLength(9);
    expect((await splits(id)).map((c) => c.splitPercent)).toEqual([60]);
  });

  it('the database itself refuses splits over 100 %, even for writes that bypass the API', async () => {
    const id = await newTrack('Direct Track');
    await withStudioDb(server, studio.id, async (db) => {
      await db.insert(tenant.trackCredits).values({ trackId: id, personName: 'Direct A', roles: ['producer'], splitPercent: '70.00', position: 1 });
      await expect(
        db.insert(tenant.trackCredits).values({ trackId: id, personName: 'Direct B', roles: ['producer'], splitPercent: '30.01', position: 2 }),
      ).rejects.toThrow();
      await expect(db.update(tenant.trackCredits).set({ splitPercent: '100.01' }).where(eq(tenant.trackCredits.trackId, id))).rejects.toThrow();
    });
    expect((await splits(id)).map((c) => c.splitPercent)).toEqual([70]);
  });

  it('reorders and deletes credits, renumbering', async () => {
    const list = (await studio.owner.query<{ id: string; personName: string; position: number }[]>('credits.list', { trackId }, studio.slug)).data!;
    const reversed = [...list].reverse().map((c) => c.id);
    expect((await mutate('credits.reorder', { parentId: trackId, ids: reversed })).error).toBeUndefined();
    expect((await splits()).map((c) => c.personName)).toEqual(['Dan Session', 'Cleo Voice', 'Ben Bass', 'Ana Producer']);
    expect((await mutate('credits.delete', { id: reversed[0] })).error).toBeUndefined();
    const after = (await studio.owner.query<{ personName: string; position: number }[]>('credits.list', { trackId }, studio.slug)).data!;
    expect(after.map((c) => [c.personName, c.position])).toEqual([
      ['Cleo Voice', 1],
      ['Ben Bass', 2],
      ['Ana Producer', 3],
    ]);
  });

  it('exports one CSV row per credit per track with ISRC, roles, instruments and split', async () => {
    const p = (await mutate('projects.create', { name: 'Export = EP' })).data!.id;
    const one = await newTrack('First, "quoted"', p);
    const two = await newTrack('Second', p);
    await mutate('tracks.update', { id: one, isrc: 'GBAYE2400123' });
    await mutate('credits.create', { trackId: one, personName: 'Ana', roles: ['producer', 'mixing_engineer'], splitPercent: 50 });
    await mutate('credits.create', { trackId: one, personName: 'Ben', roles: ['musician'], instruments: ['Bass', 'Synth'], splitPercent: null });
    await mutate('credits.create', { trackId: two, personName: '=HYPERLINK("x")', roles: ['vocalist'], splitPercent: 12.5 });
    const exported = await studio.owner.query<{ filename: string; csv: string; rows: number }>('credits.exportCsv', { projectId: p }, studio.slug);
    expect(exported.data!.filename).toBe('export-ep-credits.csv');
    expect(exported.data!.rows).toBe(3);
    expect(exported.data!.csv.split('\r\n')).toEqual([
      'Project,Track number,Track title,ISRC,Person,Roles,Instruments,Split %',
      'Export = EP,1,"First, ""quoted""",GB-AYE-24-00123,Ana,"producer; mixing engineer",,50.00',
      'Export = EP,1,"First, ""quoted""",GB-AYE-24-00123,Ben,musician,"Bass; Synth",',
      `Export = EP,2,Second,,"'=HYPERLINK(""x"")",vocalist,,12.50`,
      '',
    ]);
  });
});
