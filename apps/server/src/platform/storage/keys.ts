/**
 * Storage keys are built here and only here, from validated ids — never from a file name or a path a
 * user sent. Every key lives under `studios/<studioId>/`, so one studio's files can never be addressed
 * from another's, and `..`, slashes or odd characters cannot reach the disk or the bucket.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What a file is: the original upload, its compressed preview, its waveform peaks, an issued money document's PDF. */
export const FILE_KINDS = ['originals', 'previews', 'peaks', 'documents'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Extensions a stored file may carry (detected formats plus our derived files). */
export const FILE_EXTENSIONS = ['wav', 'aiff', 'flac', 'mp3', 'aac', 'm4a', 'ogg', 'zip', 'bin', 'pdf'] as const;
export type FileExtension = (typeof FILE_EXTENSIONS)[number];

export class InvalidStorageKeyError extends Error {}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function assertUuid(value: string, what: string): void {
  if (!UUID.test(value)) throw new InvalidStorageKeyError(`${what} is not a valid id`);
}

/** `studios/<studioId>/<kind>/<fileId>.<ext>`; throws on anything that is not a lowercase uuid or a known kind / extension. */
export function studioFileKey(studioId: string, kind: FileKind, fileId: string, ext: FileExtension): string {
  assertUuid(studioId, 'studio id');
  assertUuid(fileId, 'file id');
  if (!FILE_KINDS.includes(kind)) throw new InvalidStorageKeyError('unknown file kind');
  if (!FILE_EXTENSIONS.includes(ext)) throw new InvalidStorageKeyError('unknown file extension');
  return `studios/${studioId}/${kind}/${fileId}.${ext}`;
}

const KEY = /^studios\/([0-9a-f-]{36})\/(originals|previews|peaks|documents)\/([0-9a-f-]{36})\.([a-z0-9]{2,4})$/;

/** Whether `key` is a well-formed key of `studioId` (checked again before any read: defence in depth). */
export function keyBelongsToStudio(key: string, studioId: string): boolean {
  const match = KEY.exec(key);
  return !!match && match[1] === studioId && isUuid(match[1]) && isUuid(match[3]!) && (FILE_EXTENSIONS as readonly string[]).includes(match[4]!);
}

/** Storage backends refuse any key that is not of this shape. */
export function assertValidKey(key: string): void {
  const match = KEY.exec(key);
  if (!match || !isUuid(match[1]!) || !isUuid(match[3]!) || !(FILE_EXTENSIONS as readonly string[]).includes(match[4]!))
    throw new InvalidStorageKeyError('invalid storage key');
}
