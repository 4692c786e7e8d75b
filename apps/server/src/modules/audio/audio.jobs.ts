/**
 * The `audio.process` job: a new version's facts (rate, channels, duration), waveform peaks, loudness and
 * its MP3 preview (every version has one: it is all that listen-only links and locked versions stream).
 * Peaks are stored first so the player can draw while loudness and the preview are computed.
 * A file ffmpeg cannot read marks the version `failed` with an error code (no retry; the detail is logged,
 * never shown: it held server paths); other errors (database, storage) are retried by the job runner with
 * backoff, a bounded number of times.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { encodePeaks } from '@rsm/shared/peaks-format';
import type { Platform } from '../../platform/platform.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { fileStorage } from '../../platform/storage/storage.ts';
import { LocalFileStorage } from '../../platform/storage/local-storage.ts';
import { studioFileKey } from '../../platform/storage/keys.ts';
import { activeStudioById } from '../studios/studio-lookup.ts';
import { AudioDecodeError, decodePcm, measureLoudness } from './ffmpeg.ts';
import type { AudioInput } from './ffmpeg-process.ts';
import type { AudioFormat } from './formats.ts';
import { MAX_AUDIO_SECONDS } from './processing-errors.ts';
import { backfillPreviews } from './preview-backfill.ts';
import { PeaksBuilder } from './peaks.ts';
import { readPcm16, readWavPcm } from './wav-pcm.ts';
import type { StudioContext } from '../studios/studio-context.ts';

type VersionUpdate = Partial<typeof tenant.trackVersions.$inferInsert>;

async function update(
  platform: Platform,
  location: Parameters<Platform['directory']['withTenant']>[0],
  versionId: string,
  changes: VersionUpdate,
): Promise<void> {
  await platform.directory.withTenant(location, (db: TenantDb) => db.update(tenant.trackVersions).set(changes).where(eq(tenant.trackVersions.id, versionId)));
}

/** A path ffmpeg can read: the file itself on local disk, a temporary download from S3. */
async function localCopy(platform: Platform, storageKey: string, tmpDir: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const storage = fileStorage(platform.config);
  if (storage instanceof LocalFileStorage) return { path: storage.pathOf(storageKey), cleanup: async () => undefined };
  const path = join(tmpDir, `${randomBytes(12).toString('hex')}.src`);
  await pipeline(await storage.get(storageKey), createWriteStream(path));
  return { path, cleanup: () => rm(path, { force: true }) };
}

export type ProcessOutcome = 'ready' | 'failed' | 'skipped';

function tooLong(frames: number, sampleRate: number): boolean {
  return frames > MAX_AUDIO_SECONDS * sampleRate;
}

/** Peaks of one source file: integer PCM WAV read directly, anything else decoded by ffmpeg. */
async function computePeaks(platform: Platform, input: AudioInput) {
  const wav = input.format === 'wav' ? await readWavPcm(input.path) : null;
  if (wav) {
    if (tooLong(wav.dataBytes / ((wav.bitsPerSample / 8) * wav.channels), wav.sampleRate)) throw new AudioDecodeError('longer than the limit', 'too_long');
    const builder = new PeaksBuilder(wav.channels);
    await readPcm16(input.path, wav, (chunk) => builder.push(chunk));
    if (builder.frameCount === 0) throw new AudioDecodeError('the file contains no audio', 'no_audio');
    return builder.finish(wav.sampleRate, wav.channels);
  }
  let builder: PeaksBuilder | null = null;
  let rate = 0;
  const facts = await decodePcm(platform.config, input, (started) => {
    const peaks = new PeaksBuilder(started.channels);
    builder = peaks;
    rate = started.sampleRate;
    return (chunk) => {
      peaks.push(chunk);
      // Stops ffmpeg at once: a small compressed file can hold days of silence.
      if (tooLong(peaks.frameCount, rate)) throw new AudioDecodeError('longer than the limit', 'too_long');
    };
  });
  const built = builder as PeaksBuilder | null;
  if (!built || built.frameCount === 0) throw new AudioDecodeError('the file contains no audio', 'no_audio');
  return built.finish(rate, facts.channels ?? built.channels);
}

/** Peak computations running in this process, so the upload's immediate start and the job never do it twice here. */
const peaksInFlight = new Map<string, Promise<void>>();

function storePeaks(platform: Platform, studio: StudioContext, versionId: string, source: AudioInput): Promise<void> {
  let pending = peaksInFlight.get(versionId);
  if (!pending) {
    pending = (async () => {
      const peaks = await computePeaks(platform, source);
      const peaksKey = studioFileKey(studio.id, 'peaks', versionId, 'bin');
      await fileStorage(platform.config).putBuffer(peaksKey, Buffer.from(encodePeaks(peaks)), 'application/octet-stream');
      await update(platform, studio.location, versionId, { peaksKey, durationMs: peaks.durationMs, sampleRate: peaks.sampleRate, channels: peaks.channels });
    })().finally(() => peaksInFlight.delete(versionId));
    peaksInFlight.set(versionId, pending);
  }
  return pending;
}

/** A version with its stored file, in an active studio; null when either is gone. */
async function loadVersion(platform: Platform, studioId: string, versionId: string) {
  const studio = await activeStudioById(platform, studioId);
  if (!studio) return null;
  const [row] = await platform.directory.withTenant(studio.location, (db) =>
    db
      .select({ version: tenant.trackVersions, file: tenant.storedFiles })
      .from(tenant.trackVersions)
      .innerJoin(tenant.storedFiles, eq(tenant.storedFiles.id, tenant.trackVersions.fileId))
      .where(eq(tenant.trackVersions.id, versionId))
      .limit(1),
  );
  return row ? { studio, ...row } : null;
}

async function loadPending(platform: Platform, studioId: string, versionId: string) {
  const loaded = await loadVersion(platform, studioId, versionId);
  return loaded && loaded.version.processing === 'pending' ? loaded : null;
}

/**
 * Start the peaks of a just-uploaded version at once, in this process: the person who uploaded is
 * looking at the page. The durable job (queued too) does the rest, and the peaks again only if this failed.
 */
export async function startPeaksNow(platform: Platform, studioId: string, versionId: string): Promise<void> {
  try {
    const loaded = await loadPending(platform, studioId, versionId);
    if (!loaded || loaded.file.format === 'zip' || loaded.version.peaksKey) return;
    const tmpDir = join(platform.config.DATA_DIR, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const source = await localCopy(platform, loaded.file.storageKey, tmpDir);
    try {
      await storePeaks(platform, loaded.studio, versionId, { path: source.path, format: loaded.file.format as AudioFormat });
    } finally {
      await source.cleanup();
    }
  } catch (error) {
    // The job will try again and record a readable failure if the file is really unreadable.
    platform.logger.warn({ err: error, studioId, versionId }, 'immediate peaks failed; the job will retry');
  }
}

export async function processVersion(platform: Platform, studioId: string, versionId: string): Promise<ProcessOutcome> {
  const loaded = await loadPending(platform, studioId, versionId);
  if (!loaded) return 'skipped';
  const { studio, file } = loaded;
  if (file.format === 'zip') {
    await update(platform, studio.location, versionId, { processing: 'ready', processingError: null });
    return 'ready';
  }
  const storage = fileStorage(platform.config);
  const tmpDir = join(platform.config.DATA_DIR, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const source = await localCopy(platform, file.storageKey, tmpDir);
  const input: AudioInput = { path: source.path, format: file.format as AudioFormat };
  const previewPath = join(tmpDir, `${randomBytes(12).toString('hex')}.mp3`);
  try {
    // Already stored by the upload's immediate start, or being computed right now: wait for it, else compute.
    if (!loaded.version.peaksKey) await storePeaks(platform, studio, versionId, input);
    const loudness = await measureLoudness(platform.config, input, previewPath);
    const previewKey = studioFileKey(studioId, 'previews', versionId, 'mp3');
    await storage.putFile(previewKey, previewPath, 'audio/mpeg');
    await update(platform, studio.location, versionId, { ...loudness, previewKey, processing: 'ready', processingError: null });
    platform.logger.info({ studioId, versionId, lufs: loudness.integratedLufs }, 'version processed');
    return 'ready';
  } catch (error) {
    if (!(error instanceof AudioDecodeError)) throw error;
    // Staff see the code's sentence; ffmpeg's words (which name server paths) stay in the log.
    await update(platform, studio.location, versionId, { processing: 'failed', processingError: error.code });
    platform.logger.warn({ studioId, versionId, code: error.code, detail: error.detail }, 'version processing failed');
    return 'failed';
  } finally {
    await source.cleanup();
    await rm(previewPath, { force: true });
  }
}

/**
 * The preview of a version that is ready but has none (processed before every version got one). Returns
 * whether one was made; a file ffmpeg cannot read is logged and left without (its stream stays 409).
 */
export async function makePreview(platform: Platform, studioId: string, versionId: string): Promise<boolean> {
  const row = await loadVersion(platform, studioId, versionId);
  if (!row || row.version.processing !== 'ready' || row.version.previewKey || row.file.format === 'zip') return false;
  const tmpDir = join(platform.config.DATA_DIR, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const source = await localCopy(platform, row.file.storageKey, tmpDir);
  const previewPath = join(tmpDir, `${randomBytes(12).toString('hex')}.mp3`);
  try {
    await measureLoudness(platform.config, { path: source.path, format: row.file.format as AudioFormat }, previewPath);
    const previewKey = studioFileKey(studioId, 'previews', versionId, 'mp3');
    await fileStorage(platform.config).putFile(previewKey, previewPath, 'audio/mpeg');
    await update(platform, row.studio.location, versionId, { previewKey });
    return true;
  } catch (error) {
    if (!(error instanceof AudioDecodeError)) throw error;
    platform.logger.warn({ studioId, versionId, code: error.code, detail: error.detail }, 'preview could not be made');
    return false;
  } finally {
    await source.cleanup();
    await rm(previewPath, { force: true });
  }
}

export async function registerAudioJobs(runner: JobRunner, platform: Platform): Promise<void> {
  await runner.work('audio.preview', async (data) => {
    if (data.studioId && data.versionId) await makePreview(platform, data.studioId, data.versionId);
  });
  await runner.work('audio.backfill-previews', async () => {
    const report = await backfillPreviews(platform);
    if (report.made > 0) platform.logger.info(report, 'previews queued for older versions');
  });
  await runner.work(
    'audio.process',
    async (data) => {
      if (!data.studioId || !data.versionId) return;
      await processVersion(platform, data.studioId, data.versionId);
    },
    // Someone is waiting for the waveform: look for new work twice a second.
    { pollingIntervalSeconds: 0.5 },
  );
}
