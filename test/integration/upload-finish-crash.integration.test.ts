/**
 * Issue #10.7: an upload whose finishing is cut by `kill -9` — after the hash, or after the version is
 * recorded — is finished by the next server: HEAD says complete and names the version (`Rsm-Version-Id`),
 * the version exists once, and uploading the same content again to the track returns that version
 * instead of a duplicate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createServerHome,
  HttpApiClient,
  PROCESS_TEST_TIMEOUT_MS,
  startServerProcess,
  type ServerHome,
  type ServerProcess,
} from '../support/server-process.ts';
import { uniqueEmail } from '../support/api.ts';
import { TusClient } from '../support/tus.ts';
import { sine, wavBuffer } from '../support/wav.ts';

let home: ServerHome | null = null;
let running: ServerProcess | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  await home?.remove();
  home = null;
});

async function versionsOf(api: HttpApiClient, slug: string, trackId: string): Promise<{ id: string; number: number; processing: string }[]> {
  const listed = await api.query<{ versions: { id: string; number: number; processing: string }[] }>('versions.list', { trackId }, slug);
  if (!listed.data) throw new Error(`versions.list failed: ${JSON.stringify(listed.error)}`);
  return listed.data.versions;
}

describe('an upload killed while finishing', () => {
  for (const point of ['uploads.finish.after-hash', 'uploads.finish.after-record']) {
    it(
      `at ${point}: finished after the restart, once, and a retry of the same content returns that version`,
      async () => {
        home = await createServerHome();
        running = await startServerProcess(home, { pauseAt: point });
        const api = new HttpApiClient(running.url);
        const signUp = await api.mutate<{ studioSlug: string }>('auth.signUp', {
          name: 'Crash Owner',
          email: uniqueEmail('upload-crash'),
          password: 'correct horse battery',
          studioName: 'Upload Crash Studio',
        });
        const slug = signUp.data!.studioSlug;
        const projectId = (await api.mutate<{ id: string }>('projects.create', { name: 'Crash EP' }, slug)).data!.id;
        const trackId = (await api.mutate<{ id: string }>('tracks.create', { projectId, title: 'Survivor' }, slug)).data!.id;
        const wav = wavBuffer({ seconds: 2, signal: sine(330, -8) });

        const tus = new TusClient(running.url, api.cookie);
        const created = await tus.create(`/s/${slug}/uploads/`, wav.length, { trackId, filename: 'survivor.wav' });
        expect(created.status, created.body).toBe(201);
        const uploadPath = new URL(created.location!).pathname;
        void tus.patch(created.location!, 0, wav).catch(() => undefined); // never answered: the server dies first
        await running.paused();
        await running.kill();

        running = await startServerProcess(home);
        const again = new TusClient(running.url, api.cookie);
        const restartedApi = Object.assign(new HttpApiClient(running.url), { cookie: api.cookie });
        const head = await again.head(`${running.url}${uploadPath}`);
        expect(head.status, head.body).toBe(200);
        expect(head.offset).toBe(wav.length);
        expect(head.headers['upload-length']).toBe(String(wav.length));
        expect(head.headers['rsm-version-existing']).toBeUndefined();
        const versionId = String(head.headers['rsm-version-id']);
        expect(versionId).toMatch(/^[0-9a-f-]{36}$/);
        expect(await versionsOf(restartedApi, slug, trackId)).toEqual([expect.objectContaining({ id: versionId, number: 1 })]);
        // Asking again changes nothing.
        expect((await again.head(`${running.url}${uploadPath}`)).headers['rsm-version-id']).toBe(versionId);

        // The client that never heard back uploads the same file again: it gets the same version.
        const retry = await again.create(`/s/${slug}/uploads/`, wav.length, { trackId, filename: 'survivor (retry).wav' });
        const done = await again.patch(retry.location!, 0, wav);
        expect(done.status, done.body).toBe(204);
        expect(done.headers['rsm-version-id']).toBe(versionId);
        expect(done.headers['rsm-version-existing']).toBe('true');
        expect(await versionsOf(restartedApi, slug, trackId)).toHaveLength(1);
        // And it is processed (its job was queued by the finish that resumed, if the crash came before).
        const until = Date.now() + 90_000;
        while ((await versionsOf(restartedApi, slug, trackId))[0]!.processing === 'pending' && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
        expect((await versionsOf(restartedApi, slug, trackId))[0]!.processing).toBe('ready');
      },
      PROCESS_TEST_TIMEOUT_MS,
    );
  }
});
