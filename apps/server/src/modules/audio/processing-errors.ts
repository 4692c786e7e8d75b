/**
 * Why a version could not be processed, as staff see it: a code the web app translates and an English
 * sentence, never ffmpeg's own words (they carried absolute server paths, issue #9.12). The detail goes to
 * the log. The database column `processing_error` holds the code; rows written before codes existed hold
 * a sentence, which is read as `unreadable` so its path is never shown again.
 */
export const PROCESSING_ERROR_CODES = ['unreadable', 'no_audio', 'too_long', 'too_complex'] as const;
export type ProcessingErrorCode = (typeof PROCESSING_ERROR_CODES)[number];

/** Longest audio we process (a whole day of tracking is split into takes long before this). */
export const MAX_AUDIO_SECONDS = 6 * 3600;

const MESSAGES: Record<ProcessingErrorCode, string> = {
  unreadable: 'This file could not be read as audio. It may be damaged or in a format we do not support.',
  no_audio: 'This file contains no audio.',
  too_long: `This recording is longer than ${MAX_AUDIO_SECONDS / 3600} hours, the most we process.`,
  too_complex: 'This file took too long or too much memory to process. Export it again as WAV or FLAC and upload that.',
};

export interface ProcessingError {
  code: ProcessingErrorCode;
  message: string;
}

/** A file we cannot process (final: not retried). `detail` is for the log only. */
export class AudioDecodeError extends Error {
  constructor(
    readonly detail: string,
    readonly code: ProcessingErrorCode = 'unreadable',
  ) {
    super(detail);
  }
}

export function processingErrorMessage(code: ProcessingErrorCode): string {
  return MESSAGES[code];
}

/** What staff are shown for the stored value (a code, or a legacy sentence). */
export function processingErrorFromStored(stored: string | null): ProcessingError | null {
  if (!stored) return null;
  const code = (PROCESSING_ERROR_CODES as readonly string[]).includes(stored) ? (stored as ProcessingErrorCode) : 'unreadable';
  return { code, message: MESSAGES[code] };
}
