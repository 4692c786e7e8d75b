/**
 * Resumable uploads (tus 1.0.0, `@tus/server` + `@tus/file-store`). Each studio has its own staging
 * directory (DATA_DIR/uploads/<studioId>) and tus server, so an upload id from one studio is unknown in
 * another's. Bytes stream to disk (memory stays flat); the store's metadata is on disk, so an upload
 * resumes after a network drop or a server restart. When complete, the file is checked, hashed, moved
 * into the studio's storage and recorded as a new version of its track. The storage quota is held in the
 * studio's database (upload-reservations.ts), so it is right whichever server each request reaches.
 */
import type { IncomingMessage } from 'node:http';
import { planLimitsOf } from '../plans/standing-guard.ts';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EVENTS, MemoryLocker, Server as TusServer } from '@tus/server';
import { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/utils';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { AppError } from '../../platform/errors.ts';
import { uploadStagingDir } from '../../platform/storage/storage.ts';
import { isUuid } from '../../platform/storage/keys.ts';
import { SNIFF_BYTES, sniffFormat } from './formats.ts';
import { parseUploadMetadata, trackExists, type UploadMetadata } from './uploads.service.ts';
import { extendReservation, releaseReservation, reserveStorage, storageUsage, UPLOAD_EXPIRY_MS } from './upload-reservations.ts';
import { NotAcceptedAudio, UploadFinisher, versionHeaders, type FinishedUpload } from './upload-finish.ts';
import type { StaffAccess } from './staff-access.ts';

export const UPLOAD_ID = /^[0-9a-f]{32}$/;
export { UPLOAD_EXPIRY_MS };
/** How long an admitted upload holds its space before tus has created it (then: UPLOAD_EXPIRY_MS from each chunk). */
const CREATE_HOLD_MS = 10 * 60 * 1000;

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
  if (error instanceof AppError && error.code === 'LIMIT_REACHED') return new UploadRefusal(413, 'QUOTA_EXCEEDED', error.message, error.params);
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
    // Created: the reservation now holds for as long as the staged upload does.
    server.on(EVENTS.POST_CREATE, (req, upload) => {
      void Promise.resolve()
        .then(() => this.platform.directory.withTenant(this.accessOf(req).studio.location, (db) => extendReservation(db, upload.id, UPLOAD_EXPIRY_MS)))
        .catch((error: unknown) => this.platform.logger.warn({ err: error, studioId }, 'upload reservation not extended'));
    });
    this.servers.set(studioId, server);
    return server;
  }

  private accessOf(req: unknown): StaffAccess {
    const node = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
    const access = node ? this.accessByRequest.get(node) : undefined;
    if (!access) throw new UploadRefusal(401, 'UNAUTHORIZED', 'Please log in');
    return access;
  }

  /** Bytes stored plus bytes reserved by uploads in progress (on any server), against the plan's quota. */
  async usage(platform: Platform, access: StaffAccess): Promise<{ usedBytes: number; quotaBytes: number }> {
    const { usedBytes } = await platform.directory.withTenant(access.studio.location, (db) => storageUsage(db));
    return { usedBytes, quotaBytes: planLimitsOf(access.studio, platform.clock.now()).storageBytes };
  }

  /**
   * Before a chunk is accepted: the upload's reservation is pushed back, or — lapsed after a long pause, or made
   * before reservations were recorded — admitted again against the quota (413 QUOTA_EXCEEDED if no longer fits).
   */
  async holdForChunk(access: StaffAccess, upload: Upload): Promise<void> {
    // Every byte is here (a finish pending after a crash): nothing more to hold, and its file may be recorded already.
    if (upload.size !== undefined && upload.offset >= upload.size) return;
    await this.platform.directory.withTenant(access.studio.location, async (db) => {
      if (await extendReservation(db, upload.id, UPLOAD_EXPIRY_MS)) return;
      await this.reserve(db, access, upload.id, upload.size ?? 0, UPLOAD_EXPIRY_MS);
    });
  }

  /** Give an upload's space back (cancelled, or its content refused). */
  async release(access: StaffAccess, uploadId: string): Promise<void> {
    await this.platform.directory.withTenant(access.studio.location, (db) => releaseReservation(db, uploadId));
  }

  private async reserve(db: TenantDb, access: StaffAccess, uploadId: string, sizeBytes: number, holdMs: number): Promise<void> {
    try {
      await reserveStorage(db, { uploadId, sizeBytes, userId: access.actor.userId, quotaBytes: planLimitsOf(access.studio, this.platform.clock.now()).storageBytes, holdMs });
    } catch (error) {
      throw refusalFrom(error) ?? error;
    }
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
    return this.platform.directory.withTenant(access.studio.location, async (db) => {
      if (!(await trackExists(db, meta.trackId))) throw new UploadRefusal(404, 'TRACK_NOT_FOUND', 'This track does not exist in this studio');
      await this.reserve(db, access, upload.id, size, CREATE_HOLD_MS);
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
        await this.release(access, uploadId);
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
      const expired: string[] = [];
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
          expired.push(id);
          removed++;
        }
      }
      if (expired.length > 0) await this.releaseExpired(studioId, expired);
    }
    return removed;
  }

  /** Their reservations lapse by themselves; dropping them now frees the space at once. Best effort. */
  private async releaseExpired(studioId: string, uploadIds: string[]): Promise<void> {
    try {
      const location = await this.platform.directory.locate(studioId);
      if (!location) return;
      await this.platform.directory.withTenant(location, async (db) => {
        for (const id of uploadIds) await releaseReservation(db, id);
      });
    } catch (error) {
      this.platform.logger.warn({ err: error, studioId }, 'expired upload reservations not released');
    }
  }
}
