/**
 * Files in an S3-compatible bucket (AWS, MinIO, R2, Scaleway…). Uploads of originals go up as one
 * streamed PutObject with a known length (uploads are capped at 4 GB, under S3's 5 GB single-PUT limit).
 * The SDK (~26 MB of resident memory) is loaded only when S3 is configured.
 */
import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type * as S3Sdk from '@aws-sdk/client-s3';
import { assertValidKey } from './keys.ts';
import type { ByteRange, FileStat, FileStorage } from './file-storage.ts';

export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  /** Key prefix inside the bucket (several deployments may share one). */
  prefix?: string;
}

/**
 * The SDK, loaded on first use, and a client for `settings`. Shared by the file store and the off-site backup copy.
 * The SDK would otherwise add CRC checksums some S3-compatible stores reject; we keep our own sha256 / sizes.
 */
export function connectS3(
  settings: Omit<S3Settings, 'bucket' | 'prefix'>,
  extra: Partial<S3Sdk.S3ClientConfig> = {},
): Promise<{ sdk: typeof S3Sdk; client: S3Sdk.S3Client }> {
  return import('@aws-sdk/client-s3').then((sdk) => ({
    sdk,
    client: new sdk.S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.forcePathStyle ? { forcePathStyle: true } : {}),
      ...(settings.accessKeyId && settings.secretAccessKey
        ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
        : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...extra,
    }),
  }));
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

export class S3FileStorage implements FileStorage {
  readonly kind = 's3' as const;
  private readonly ready: Promise<{ sdk: typeof S3Sdk; client: S3Sdk.S3Client }>;

  constructor(private readonly settings: S3Settings) {
    this.ready = connectS3(settings);
  }

  private objectKey(key: string): string {
    assertValidKey(key);
    return `${this.settings.prefix ?? ''}${key}`;
  }

  async putFile(key: string, sourcePath: string, contentType: string): Promise<FileStat> {
    const { size } = await stat(sourcePath);
    const { sdk, client } = await this.ready;
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.objectKey(key),
        Body: createReadStream(sourcePath),
        ContentLength: size,
        ContentType: contentType,
      }),
    );
    await unlink(sourcePath);
    return { size };
  }

  async putBuffer(key: string, body: Buffer, contentType: string): Promise<FileStat> {
    const { sdk, client } = await this.ready;
    await client.send(
      new sdk.PutObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key), Body: body, ContentLength: body.length, ContentType: contentType }),
    );
    return { size: body.length };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const { sdk, client } = await this.ready;
    const result = await client.send(
      new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
    );
    const body = result.Body;
    if (!body) throw new Error('empty S3 response body');
    return body instanceof Readable ? body : Readable.fromWeb(body.transformToWebStream() as Parameters<typeof Readable.fromWeb>[0]);
  }

  async stat(key: string): Promise<FileStat | null> {
    try {
      const { sdk, client } = await this.ready;
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    const { sdk, client } = await this.ready;
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
  }
}
