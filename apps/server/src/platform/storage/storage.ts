/**
 * The storage of this server, built once from the configuration: S3 when S3_BUCKET is set, else local
 * disk under FILES_DIR (default DATA_DIR/files). Resumable uploads are staged on local disk first
 * (DATA_DIR/uploads) in every case, then moved into the storage when complete.
 */
import { join, resolve } from 'node:path';
import type { Config } from '../../config/env.ts';
import type { FileStorage } from './file-storage.ts';
import { LocalFileStorage } from './local-storage.ts';
import { S3FileStorage } from './s3-storage.ts';

const byConfig = new WeakMap<Config, FileStorage>();

export function createFileStorage(config: Config): FileStorage {
  if (config.S3_BUCKET) {
    return new S3FileStorage({
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      ...(config.S3_ACCESS_KEY_ID ? { accessKeyId: config.S3_ACCESS_KEY_ID } : {}),
      ...(config.S3_SECRET_ACCESS_KEY ? { secretAccessKey: config.S3_SECRET_ACCESS_KEY } : {}),
      forcePathStyle: config.S3_FORCE_PATH_STYLE ?? false,
    });
  }
  return new LocalFileStorage(config.FILES_DIR ?? join(config.DATA_DIR, 'files'));
}

/** The one storage of this configuration (one S3 client / root per server). */
export function fileStorage(config: Config): FileStorage {
  let storage = byConfig.get(config);
  if (!storage) {
    storage = createFileStorage(config);
    byConfig.set(config, storage);
  }
  return storage;
}

/** Where resumable uploads are staged until complete (local disk, per studio below it). */
export function uploadStagingDir(config: Config): string {
  return resolve(config.DATA_DIR, 'uploads');
}
