/**
 * Resumable uploads (tus 1.0.0, `@tus/server` + `@tus/file-store`). Each studio has its own staging
 * directory (DATA_DIR/uploads/<studioId>) and tus server, so an upload id from one studio is unknown in
 * another's. Bytes stream to disk (memory stays flat); the store's metadata is on disk, so an upload
 * resumes after a network drop or a server restart. When complete, the file is checked, hashed, moved
 * into the studio's storage and recorded as a new version of its track.
 */
import type { IncomingMessage } from 'node:http';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EVENTS, MemoryLocker, Server as TusServer } from '@tus/server';
import { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/utils';
import { PLAN_TABLE } from '@rsm/shared/plans';
import type { Platform } from '../../platform/platform.ts';
import { AppError } from '../../platform/errors.ts';
import { uploadStagingDir } from '../../platform/storage/storage.ts';
import { isUuid } from '../../platform/storage/keys.ts';
import { SNIFF_BYTES, sniffFormat } from './formats.ts';
import { parseUploadMetadata, storedBytes, trackExists, type UploadMetadata } from './uploads.service.ts';
import { NotAcceptedAudio, UploadFinisher, versionHeaders, type FinishedUpload } from './upload-finish.ts';
import type { StaffAccess } from './staff-access.ts';

export const UPLOAD_ID = /^[0-9a-f]{32}$/;
export const UPLOAD_EXPIRY_MS = 24 * 3600 * 1000;

/** A refusal the tus server sends as is: status and a JSON body the web app translates by `code`. */
export class UploadRefusal extends Error {
  readonly status_code: number;
  readonly body: string;
  constructor(status: number, code: string, message: string, params: Record<string, string | number> = {}) {
    super(message);
    this.status_code = status;
    this.body = JSON.stringify({ code, message, params });
  }
}

function refusalFrom(error: unknown): UploadRefusal | null {
  if (error instanceof UploadRefusal) return error;
  if (error instanceof AppError && error.code === 'BAD_REQUEST') return new UploadRefusal(400, 'BAD_METADATA', error.message, error.params);
  if (error instanceof AppError && error.code === 'NOT_FOUND') return new UploadRefusal(404, 'TRACK_NOT_FOUND', error.message);
  return null;
}

export function isAcceptedFormat(head: Uint8Array, label: UploadMetadata['label']): boolean {
  const detected = sniffFormat(head);
  return !!detected && (detected.format !== 'zip' || label === 'stems');
}

export class UploadGateway {
  private readonly servers = new Map<string, TusServer>();
  /** One locker for every studio server: a PATCH and a HEAD of one upload never interleave. */
  private readonly locker = new MemoryLocker();
  /** Sizes accepted by the quota check whose upload file is not written yet (studio → upload id → bytes). */
  private readonly reservations = new Map<string, Map<string, number>>();
  private readonly quotaLocks = new Map<string, Promise<unknown>>();
  /** The staff access of each request in flight, for the tus hooks (which see only a web Request). */
  readonly accessByRequest = new WeakMap<IncomingMessage, StaffAccess>();

  private readonly finisher: UploadFinisher;

  constructor(private readonly platform: Platform) {
    this.finisher = new UploadFinisher(platform, (studioId) => this.dirOf(studioId));
  }

  dirOf(studioId: string): string {
    if (!isUuid(studioId)) throw new Error('invalid studio id');
    return join(uploadStagingDir(this.platform.config), studioId);
  }

  serverFor(studioId: string): TusServer {
    let server = this.servers.get(studioId);
    if (server) return server;
    server = new TusServer({
      path: '/uploads',
      datastore: new FileStore({ directory: this.dirOf(studioId), expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS }),
      locker: this.locker,
      maxSize: this.platform.config.UPLOAD_MAX_BYTES,
      // Both address forms (/s/<slug>/uploads and /uploads on the sub-domain): answer relative to the request.
      generateUrl: (req, { id }) => `${new URL(req.url).pathname.replace(/\/+$/, '')}/${id}`,
      getFileIdFromRequest: (_req, lastPath) => (lastPath && UPLOAD_ID.test(lastPath) ? lastPath : undefined),
      onUploadCreate: (req, upload) => this.onCreate(this.accessOf(req), upload),
      onUploadFinish: (req, upload) => this.onFinish(this.accessOf(req), upload),
      onResponseError: (_req, error) => {
        const refusal = refusalFrom(error);
        if (refusal) return { status_code: refusal.status_code, body: refusal.body };
        if (!('status_code' in error)) this.platform.logger.error({ err: error }, 'upload failed');
        return undefined;
      },
    });
    server.on(EVENTS.POST_CREATE, (_req, upload) => this.reservations.get(studioId)?.delete(upload.id));
    this.servers.set(studioId, server);
    return server;
  }

  private accessOf(req: unknown): StaffAccess {
    const node = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
    const access = node ? this.accessByRequest.get(node) : undefined;
    if (!access) throw new UploadRefusal(401, 'UNAUTHORIZED', 'Please log in');
    return access;
  }

  /** Declared sizes of the studio's unfinished uploads (each reserves its full size against the quota). */
  async inProgressBytes(studioId: string): Promise<number> {
    const reserved = this.reservations.get(studioId) ?? new Map<string, number>();
    let total = [...reserved.values()].reduce((a, b) => a + b, 0);
    let names: string[];
    try {
      names = await readdir(this.dirOf(studioId));
    } catch {
      return total;
    }
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : null;
      if (!id || !UPLOAD_ID.test(id) || reserved.has(id)) continue;
      try {
        const info = JSON.parse(await readFile(join(this.dirOf(studioId), name), 'utf8')) as { size?: number };
        total += typeof info.size === 'number' ? info.size : 0;
      } catch {
        // being written or removed right now: the next check sees it
      }
    }
    return total;
  }

  /** Bytes stored plus bytes reserved by uploads in progress, against the plan's quota. */
  async usage(platform: Platform, access: StaffAccess): Promise<{ usedBytes: number; quotaBytes: number }> {
    const stored = await platform.directory.withTenant(access.studio.location, (db) => storedBytes(db));
    return { usedBytes: stored + (await this.inProgressBytes(access.studio.id)), quotaBytes: PLAN_TABLE[access.studio.plan].storageBytes };
  }

  /** Quota checks of one studio run one at a time, so two uploads cannot both take the last free bytes. */
  private serially<T>(studioId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.quotaLocks.get(studioId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.quotaLocks.set(studioId, settled);
    void settled.then(() => this.quotaLocks.get(studioId) === settled && this.quotaLocks.delete(studioId));
    return next;
  }

  private async onCreate(access: StaffAccess, upload: Upload): Promise<{ metadata: Record<string, string> }> {
    if (upload.size === undefined || upload.sizeIsDeferred)
      throw new UploadRefusal(400, 'LENGTH_REQUIRED', 'The file size must be declared when the upload starts');
    const size = upload.size;
    const max = this.platform.config.UPLOAD_MAX_BYTES;
    if (size > max) throw new UploadRefusal(413, 'FILE_TOO_LARGE', `Files are limited to ${max} bytes`, { maxBytes: max });
    if (size < SNIFF_BYTES) throw new UploadRefusal(415, 'UNSUPPORTED_TYPE', 'This file is not an audio file we can read');
    const meta = (() => {
      try {
        return parseUploadMetadata(upload.metadata ?? {});
      } catch (error) {
        throw refusalFrom(error) ?? error;
      }
    })();
    return this.serially(access.studio.id, async () => {
      const { exists, stored } = await this.platform.directory.withTenant(access.studio.location, async (db) => ({
        exists: await trackExists(db, meta.trackId),
        stored: await storedBytes(db),
      }));
      if (!exists) throw new UploadRefusal(404, 'TRACK_NOT_FOUND', 'This track does not exist in this studio');
      const usedBytes = stored + (await this.inProgressBytes(access.studio.id));
      const quotaBytes = PLAN_TABLE[access.studio.plan].storageBytes;
      if (usedBytes + size > quotaBytes) {
        throw new UploadRefusal(413, 'QUOTA_EXCEEDED', 'This file does not fit in the studio storage of your plan', {
          usedBytes,
          quotaBytes,
          remainingBytes: Math.max(0, quotaBytes - usedBytes),
          sizeBytes: size,
        });
      }
      let reserved = this.reservations.get(access.studio.id);
      if (!reserved) this.reservations.set(access.studio.id, (reserved = new Map()));
      reserved.set(upload.id, size);
      // If the upload is never written (the request died), the reservation lapses.
      setTimeout(() => reserved.delete(upload.id), 60_000).unref();
      // Server-set metadata: who may continue this upload. Our values replace any the client sent.
      return { metadata: { trackId: meta.trackId, label: meta.label, note: meta.note, filename: meta.filename, userId: access.actor.userId } };
    });
  }

  /** Delete everything staged for an upload: data, metadata, finish journal, finished record (refused type, expiry). */
  async discard(studioId: string, uploadId: string): Promise<void> {
    if (!UPLOAD_ID.test(uploadId)) return;
    for (const suffix of ['', '.json', '.finish', '.finish.tmp', '.done', '.done.tmp'])
      await rm(join(this.dirOf(studioId), `${uploadId}${suffix}`), { force: true });
  }

  private async onFinish(access: StaffAccess, upload: Upload): Promise<{ headers: Record<string, string> }> {
    return { headers: versionHeaders(await this.finish(access, upload.id, upload.metadata ?? {})) };
  }

  /** Finish (or resume finishing) a complete upload; a file that is not accepted audio is discarded (415). */
  async finish(access: StaffAccess, uploadId: string, metadata: Record<string, string | null | undefined>): Promise<FinishedUpload> {
    try {
      return await this.finisher.finish(access, uploadId, parseUploadMetadata(metadata));
    } catch (error) {
      if (error instanceof NotAcceptedAudio) {
        await this.discard(access.studio.id, uploadId);
        throw new UploadRefusal(415, 'UNSUPPORTED_TYPE', 'This file is not an audio file we can read');
      }
      throw refusalFrom(error) ?? error;
    }
  }

  /**
   * HEAD of an upload that is finished (the record of its version), or complete but unfinished because the
   * server died while finishing it (finished now). Null: not this user's, or still in progress (tus answers).
   */
  async finishedForHead(access: StaffAccess, uploadId: string): Promise<FinishedUpload | null> {
    const done = await this.finisher.finished(access.studio.id, uploadId);
    if (done) return done.userId === access.actor.userId ? done : null;
    const pending = await this.finisher.needsFinish(access.studio.id, uploadId);
    if (!pending || pending.metadata.userId !== access.actor.userId) return null;
    return this.finish(access, uploadId, pending.metadata);
  }

  /** Remove uploads left unfinished for longer than UPLOAD_EXPIRY_MS, in every studio's staging directory. */
  async cleanupExpired(now: Date): Promise<number> {
    let removed = 0;
    let studios: string[];
    try {
      studios = await readdir(uploadStagingDir(this.platform.config));
    } catch {
      return 0;
    }
    for (const studioId of studios.filter(isUuid)) {
      const names = await readdir(this.dirOf(studioId)).catch(() => [] as string[]);
      const ids = new Set(names.map((name) => name.split('.')[0]!).filter((id) => UPLOAD_ID.test(id)));
      for (const id of ids) {
        // Last activity: the data file's last write (each PATCH), else the metadata file's creation, else
        // (a finished upload, whose record HEAD answers for a day) the record's.
        const dir = this.dirOf(studioId);
        const info =
          (await stat(join(dir, id)).catch(() => null)) ??
          (await stat(join(dir, `${id}.json`)).catch(() => null)) ??
          (await stat(join(dir, `${id}.done`)).catch(() => null));
        if (info && now.getTime() - info.mtimeMs > UPLOAD_EXPIRY_MS) {
          await this.discard(studioId, id);
          removed++;
        }
      }
    }
    return removed;
  }
}
