/**
 * Finishing a complete upload — check, hash, move into storage, record the version, forget the upload —
 * so that a crash (`kill -9`) at any moment leaves something the next request resumes (issue #10.7: a
 * kill right after the last byte left "complete" with no version; a later one left the version but told
 * the client the upload was gone, and the retry made a duplicate 200 MB version).
 * - Every step can run again: the hash is kept in a journal (`<id>.finish`), the stored file's id is
 *   derived from the upload id (same key on every attempt), recording finds a version it already wrote.
 * - The end of the story is a small record (`<id>.done`: version id, number, size, uploader) kept for a
 *   day, so HEAD on a finished upload answers "complete" with `Rsm-Version-Id`.
 * - The same content (sha256) uploaded again to the same track returns the version that holds it.
 * - The upload's storage reservation is dropped when its file is recorded (same transaction) or found already there.
 * HEAD on a complete but unfinished upload (the client's retry after a crash) runs the finish.
 */
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Platform } from '../../platform/platform.ts';
import { fileStorage } from '../../platform/storage/storage.ts';
import { studioFileKey } from '../../platform/storage/keys.ts';
import { pausePoint } from '../../platform/testing/pause-points.ts';
import { detectedFormat, type AudioFormat } from './formats.ts';
import { inspectAudioFile } from './format-structure.ts';
import { sha256OfFile } from './upload-files.ts';
import { recordVersion, versionWithContent, type UploadMetadata } from './uploads.service.ts';
import { releaseReservation } from './upload-reservations.ts';
import { scheduleAudioProcessing } from './audio.schedule.ts';
import { startPeaksNow } from './audio.jobs.ts';
import type { StaffAccess } from './staff-access.ts';

export interface FinishedUpload {
  versionId: string;
  number: number;
  sizeBytes: number;
  userId: string;
  /** The content was already a version of this track: that version is returned, nothing new is stored. */
  existing: boolean;
}

interface Journal {
  sha256: string;
  sizeBytes: number;
  format: AudioFormat;
}

/** The refusal of a completed file that is not audio we accept (the caller discards the upload). */
export class NotAcceptedAudio extends Error {}

/** The upload's 32 hex digits as a UUID: the stored file's id, the same on every attempt. */
export function fileIdOfUpload(uploadId: string): string {
  return `${uploadId.slice(0, 8)}-${uploadId.slice(8, 12)}-${uploadId.slice(12, 16)}-${uploadId.slice(16, 20)}-${uploadId.slice(20, 32)}`;
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Write whole or not at all: a crash never leaves half a journal. */
async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(`${path}.tmp`, JSON.stringify(value));
  await rename(`${path}.tmp`, path);
}

export class UploadFinisher {
  /** Finishes running in this process, so the PATCH's finish and a HEAD's resume never race here. */
  private readonly running = new Map<string, Promise<FinishedUpload>>();

  constructor(
    private readonly platform: Platform,
    private readonly dirOf: (studioId: string) => string,
  ) {}

  paths(studioId: string, uploadId: string) {
    const dir = this.dirOf(studioId);
    return { data: join(dir, uploadId), info: join(dir, `${uploadId}.json`), journal: join(dir, `${uploadId}.finish`), done: join(dir, `${uploadId}.done`) };
  }

  finished(studioId: string, uploadId: string): Promise<FinishedUpload | null> {
    return readJson<FinishedUpload>(this.paths(studioId, uploadId).done);
  }

  /** Complete on disk (every byte, or already hashed) but not finished: what a crash leaves. */
  async needsFinish(studioId: string, uploadId: string): Promise<{ metadata: Record<string, string> } | null> {
    const paths = this.paths(studioId, uploadId);
    const info = await readJson<{ size?: number; metadata?: Record<string, string> }>(paths.info);
    if (!info?.metadata) return null;
    if (await readJson<Journal>(paths.journal)) return { metadata: info.metadata };
    const data = await stat(paths.data).catch(() => null);
    return data && typeof info.size === 'number' && data.size === info.size ? { metadata: info.metadata } : null;
  }

  finish(access: StaffAccess, uploadId: string, meta: UploadMetadata): Promise<FinishedUpload> {
    const key = `${access.studio.id}/${uploadId}`;
    let pending = this.running.get(key);
    if (!pending) {
      pending = this.run(access, uploadId, meta).finally(() => this.running.delete(key));
      this.running.set(key, pending);
    }
    return pending;
  }

  private async run(access: StaffAccess, uploadId: string, meta: UploadMetadata): Promise<FinishedUpload> {
    const studioId = access.studio.id;
    const paths = this.paths(studioId, uploadId);
    const done = await this.finished(studioId, uploadId);
    if (done) return done;

    let journal = await readJson<Journal>(paths.journal);
    if (!journal) {
      const detected = await inspectAudioFile(paths.data);
      if (!detected || (detected.format === 'zip' && meta.label !== 'stems')) throw new NotAcceptedAudio('not an audio file we accept');
      journal = { sha256: await sha256OfFile(paths.data), sizeBytes: (await stat(paths.data)).size, format: detected.format };
      await writeJson(paths.journal, journal);
    }
    await pausePoint('uploads.finish.after-hash');

    const format = detectedFormat(journal.format);
    const userId = access.actor.userId;
    const location = access.studio.location;
    const fileId = fileIdOfUpload(uploadId);
    const already = await this.platform.directory.withTenant(location, (db) => versionWithContent(db, meta.trackId, journal.sha256));
    // Another upload's version with this content: return it. Our own (recorded before a crash): carry on below.
    if (already && already.fileId !== fileId) {
      await this.platform.directory.withTenant(location, (db) => releaseReservation(db, uploadId));
      return this.close(studioId, uploadId, { versionId: already.versionId, number: already.number, sizeBytes: journal.sizeBytes, userId, existing: true });
    }

    const storageKey = studioFileKey(studioId, 'originals', fileId, format.ext);
    const storage = fileStorage(this.platform.config);
    if (await stat(paths.data).catch(() => null)) {
      await storage.putFile(storageKey, paths.data, format.mimeType);
      await rm(paths.data, { force: true }); // S3 copies; local disk moved it already
    } else if (!(await storage.exists(storageKey))) {
      throw new Error(`upload ${uploadId} lost its data before it was stored`);
    }
    const recorded = await this.platform.directory.withTenant(location, (db) =>
      recordVersion(db, {
        ...meta,
        fileId,
        uploadId,
        storageKey,
        sizeBytes: journal.sizeBytes,
        format: format.format,
        mimeType: format.mimeType,
        sha256: journal.sha256,
        uploadedBy: userId,
        processing: format.format === 'zip' ? 'ready' : 'pending',
      }),
    );
    // The same content recorded meanwhile by another upload: ours is a copy nobody points to.
    if (recorded.sameContent) await storage.delete(storageKey).catch(() => undefined);
    await pausePoint('uploads.finish.after-record');

    if (format.format !== 'zip' && recorded.processing === 'pending') {
      // Also after a crash that came before it: one pending job per version (keyed), so this is safe to repeat.
      await scheduleAudioProcessing(this.platform, studioId, recorded.versionId);
      void startPeaksNow(this.platform, studioId, recorded.versionId);
    }
    if (recorded.created)
      this.platform.logger.info({ studioId, versionId: recorded.versionId, sizeBytes: journal.sizeBytes, format: format.format }, 'version uploaded');
    return this.close(studioId, uploadId, {
      versionId: recorded.versionId,
      number: recorded.number,
      sizeBytes: journal.sizeBytes,
      userId,
      existing: recorded.sameContent,
    });
  }

  /** Record the outcome first, then forget the upload's state: a crash in between repeats only the clean-up. */
  private async close(studioId: string, uploadId: string, result: FinishedUpload): Promise<FinishedUpload> {
    const paths = this.paths(studioId, uploadId);
    await writeJson(paths.done, result);
    for (const path of [paths.info, paths.journal, paths.data]) await rm(path, { force: true });
    return result;
  }
}

/** Headers that tell the client which version its upload became. */
export function versionHeaders(result: FinishedUpload): Record<string, string> {
  return {
    'Rsm-Version-Id': result.versionId,
    'Rsm-Version-Number': String(result.number),
    ...(result.existing ? { 'Rsm-Version-Existing': 'true' } : {}),
    'Access-Control-Expose-Headers': 'Rsm-Version-Id, Rsm-Version-Number, Rsm-Version-Existing',
  };
}
