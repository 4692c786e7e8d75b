/**
 * Audio formats we accept, recognised by their first bytes (never by the file name or the browser's
 * claimed type): RIFF/RF64 WAVE, FORM AIFF/AIFC, fLaC, ID3 or an MPEG audio frame, ADTS AAC, ISO-BMFF
 * (ftyp: M4A/MP4), OggS, and ZIP (stems archives only). This prefix check refuses an upload at its first
 * bytes; the complete file is then checked structurally (format-structure.ts) before anything decodes it.
 */
import type { FileExtension } from '../../platform/storage/keys.ts';

export type AudioFormat = 'wav' | 'aiff' | 'flac' | 'mp3' | 'aac' | 'm4a' | 'ogg' | 'zip';

export interface DetectedFormat {
  format: AudioFormat;
  mimeType: string;
  ext: FileExtension;
  lossless: boolean;
}

const FORMATS: Record<AudioFormat, DetectedFormat> = {
  wav: { format: 'wav', mimeType: 'audio/wav', ext: 'wav', lossless: true },
  aiff: { format: 'aiff', mimeType: 'audio/aiff', ext: 'aiff', lossless: true },
  flac: { format: 'flac', mimeType: 'audio/flac', ext: 'flac', lossless: true },
  mp3: { format: 'mp3', mimeType: 'audio/mpeg', ext: 'mp3', lossless: false },
  aac: { format: 'aac', mimeType: 'audio/aac', ext: 'aac', lossless: false },
  m4a: { format: 'm4a', mimeType: 'audio/mp4', ext: 'm4a', lossless: false },
  ogg: { format: 'ogg', mimeType: 'audio/ogg', ext: 'ogg', lossless: false },
  zip: { format: 'zip', mimeType: 'application/zip', ext: 'zip', lossless: false },
};

export function detectedFormat(format: AudioFormat): DetectedFormat {
  return FORMATS[format];
}

/** How many leading bytes `sniffFormat` needs to decide. */
export const SNIFF_BYTES = 12;

function ascii(bytes: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(from, from + length));
}

export function sniffFormat(bytes: Uint8Array): DetectedFormat | null {
  if (bytes.length < SNIFF_BYTES) return null;
  const head4 = ascii(bytes, 0, 4);
  const at8 = ascii(bytes, 8, 4);
  if ((head4 === 'RIFF' || head4 === 'RF64' || head4 === 'BW64') && at8 === 'WAVE') return FORMATS.wav;
  if (head4 === 'FORM' && (at8 === 'AIFF' || at8 === 'AIFC')) return FORMATS.aiff;
  if (head4 === 'fLaC') return FORMATS.flac;
  if (head4 === 'OggS') return FORMATS.ogg;
  if (ascii(bytes, 4, 4) === 'ftyp') return FORMATS.m4a;
  if (ascii(bytes, 0, 3) === 'ID3') return FORMATS.mp3;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))) return FORMATS.zip;
  if (bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0) {
    const version = (bytes[1]! >> 3) & 0b11;
    const layer = (bytes[1]! >> 1) & 0b11;
    // ADTS (AAC) has the 12-bit sync and layer 00; MPEG audio has a valid version (not 01) and a layer.
    if ((bytes[1]! & 0xf6) === 0xf0) return FORMATS.aac;
    if (version !== 0b01 && layer !== 0b00 && bytes[2]! >> 4 !== 0b1111) return FORMATS.mp3;
  }
  return null;
}
