/**
 * The structural sniffer run when an upload is complete: more than a magic prefix (issue #9.1: three
 * bytes `ID3` let a playlist through as MP3). Each format must show the structure its decoder relies on:
 * - MP3: an ID3v2 tag (skipped by its declared size) followed by an MPEG audio frame whose header is valid
 *   and, when it fits in what we read, followed by a second valid frame header;
 * - WAV (RIFF / RF64 / BW64): a `fmt ` chunk with a sane channel count and rate; AIFF: a `COMM` chunk;
 * - FLAC: a STREAMINFO block first; Ogg: a first page marked beginning-of-stream with a known codec;
 * - M4A: an `ftyp` box of a plausible size with an audio brand; ADTS AAC: two consecutive frame headers;
 * and no file whose first KiB holds a text playlist (`#EXTM3U`, `#EXT-X-`, `ffconcat`, `file '`).
 * ffmpeg is then forced to the format found here (ffmpeg-process.ts): the two checks back each other up.
 */
import { open } from 'node:fs/promises';
import { detectedFormat, type AudioFormat, type DetectedFormat } from './formats.ts';

/** Bytes read from the start of the file (and again after a large ID3 tag). */
export const STRUCTURE_BYTES = 64 * 1024;
const PLAYLIST_MARKERS = ['#extm3u', '#ext-x-', 'ffconcat', "file '"];

const ascii = (b: Buffer, at: number, n: number) => b.toString('latin1', at, at + n);

export function looksLikePlaylist(head: Buffer): boolean {
  const text = head.toString('latin1', 0, Math.min(head.length, 1024)).toLowerCase();
  return PLAYLIST_MARKERS.some((marker) => text.includes(marker));
}

/** Length of an ID3v2 tag at `at` (header + body + footer), or 0 when there is none. */
export function id3Length(b: Buffer, at = 0): number {
  if (b.length < at + 10 || ascii(b, at, 3) !== 'ID3' || b[at + 3]! > 4 || b[at + 3] === 0xff) return 0;
  const size = b.subarray(at + 6, at + 10);
  if (size.some((byte) => byte & 0x80)) return 0; // sync-safe: the top bit of each byte is clear
  const body = (size[0]! << 21) | (size[1]! << 14) | (size[2]! << 7) | size[3]!;
  return 10 + body + (b[at + 5]! & 0x10 ? 10 : 0);
}

const MPEG_BITRATES: Record<string, number[]> = {
  // kbit/s by bitrate index 1..14 for (version 1 | version 2/2.5) × layer
  'v1-l1': [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  'v1-l2': [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  'v1-l3': [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  'v2-l1': [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  'v2-l2': [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  'v2-l3': [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MPEG_RATES = [[11025, 12000, 8000], [], [22050, 24000, 16000], [44100, 48000, 32000]]; // by version bits

/** The byte length of the MPEG audio frame whose header is at `at`, or 0 when it is not a valid header. */
export function mpegFrameLength(b: Buffer, at: number): number {
  if (b.length < at + 4 || b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0) return 0;
  const version = (b[at + 1]! >> 3) & 3; // 0: 2.5, 1: reserved, 2: 2, 3: 1
  const layer = (b[at + 1]! >> 1) & 3; // 1: III, 2: II, 3: I, 0: reserved
  const bitrateIndex = b[at + 2]! >> 4;
  const rateIndex = (b[at + 2]! >> 2) & 3;
  if (version === 1 || layer === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return 0;
  const layerName = layer === 3 ? 'l1' : layer === 2 ? 'l2' : 'l3';
  const kbps = MPEG_BITRATES[`${version === 3 ? 'v1' : 'v2'}-${layerName}`]![bitrateIndex - 1]!;
  const rate = MPEG_RATES[version]![rateIndex]!;
  const padding = (b[at + 2]! >> 1) & 1;
  if (layer === 3) return (Math.floor((12 * kbps * 1000) / rate) + padding) * 4;
  const perFrame = layer === 1 && version !== 3 ? 72 : 144;
  return Math.floor((perFrame * kbps * 1000) / rate) + padding;
}

/** A valid frame at `at`, and another right after it when that is within what we read. */
function mpegAt(b: Buffer, at: number): boolean {
  const length = mpegFrameLength(b, at);
  if (!length) return false;
  return at + length + 4 > b.length || mpegFrameLength(b, at + length) > 0;
}

function adtsFrameLength(b: Buffer, at: number): number {
  if (b.length < at + 7 || b[at] !== 0xff || (b[at + 1]! & 0xf6) !== 0xf0) return 0;
  if (((b[at + 2]! >> 2) & 0xf) > 12) return 0; // sampling frequency index
  return ((b[at + 3]! & 3) << 11) | (b[at + 4]! << 3) | (b[at + 5]! >> 5);
}

function adtsAt(b: Buffer, at: number): boolean {
  const length = adtsFrameLength(b, at);
  if (length < 7) return false;
  return at + length + 7 > b.length || adtsFrameLength(b, at + length) >= 7;
}

/** Walk RIFF-style chunks from `from` until `id`; its offset or -1. `littleEndian` for RIFF, big for IFF. */
function findChunk(b: Buffer, from: number, id: string, littleEndian: boolean): number {
  let at = from;
  while (at + 8 <= b.length) {
    if (ascii(b, at, 4) === id) return at;
    const size = littleEndian ? b.readUInt32LE(at + 4) : b.readUInt32BE(at + 4);
    if (size === 0xffffffff) return -1; // RF64 placeholder sizes live in ds64: stop walking
    at += 8 + size + (size & 1);
  }
  return -1;
}

function wavOk(b: Buffer): boolean {
  const fmt = findChunk(b, 12, 'fmt ', true);
  if (fmt < 0 || b.length < fmt + 24 || b.readUInt32LE(fmt + 4) < 16) return false;
  const channels = b.readUInt16LE(fmt + 10);
  const rate = b.readUInt32LE(fmt + 12);
  return channels >= 1 && channels <= 64 && rate >= 1000 && rate <= 768_000;
}

function aiffOk(b: Buffer): boolean {
  const comm = findChunk(b, 12, 'COMM', false);
  if (comm < 0 || b.length < comm + 16) return false;
  const channels = b.readUInt16BE(comm + 8);
  return channels >= 1 && channels <= 64;
}

function flacOk(b: Buffer, at: number): boolean {
  if (b.length < at + 42 || ascii(b, at, 4) !== 'fLaC') return false;
  const blockType = b[at + 4]! & 0x7f;
  const length = b.readUIntBE(at + 5, 3);
  const rate = b.readUIntBE(at + 18, 3) >> 4;
  return blockType === 0 && length === 34 && rate > 0;
}

const OGG_CODECS = ['\x01vorbis', 'OpusHead', '\x7fFLAC', 'Speex   '];
function oggOk(b: Buffer): boolean {
  if (b.length < 28 || ascii(b, 0, 4) !== 'OggS' || b[4] !== 0 || !(b[5]! & 0x02)) return false;
  const packet = 27 + b[26]!;
  return OGG_CODECS.some((codec) => ascii(b, packet, codec.length) === codec);
}

const M4A_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'mp42', 'mp41', 'isom', 'iso2', 'iso5', 'iso6', 'dash', 'qt  ', '3gp4', '3gp5', '3g2a', 'f4a ', 'caqv']);
function m4aOk(b: Buffer): boolean {
  if (b.length < 16 || ascii(b, 4, 4) !== 'ftyp') return false;
  const size = b.readUInt32BE(0);
  return size >= 16 && size <= 1024 && M4A_BRANDS.has(ascii(b, 8, 4));
}

/** The format of a file's content (first bytes at `at`, after any ID3 tag), checked structurally. */
function structuralFormat(b: Buffer, at: number): AudioFormat | null {
  const head4 = ascii(b, at, 4);
  const at8 = ascii(b, at + 8, 4);
  if (at === 0 && (head4 === 'RIFF' || head4 === 'RF64' || head4 === 'BW64') && at8 === 'WAVE') return wavOk(b) ? 'wav' : null;
  if (at === 0 && head4 === 'FORM' && (at8 === 'AIFF' || at8 === 'AIFC')) return aiffOk(b) ? 'aiff' : null;
  if (head4 === 'fLaC') return flacOk(b, at) ? 'flac' : null;
  if (at === 0 && head4 === 'OggS') return oggOk(b) ? 'ogg' : null;
  if (at === 0 && ascii(b, 4, 4) === 'ftyp') return m4aOk(b) ? 'm4a' : null;
  if (at === 0 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6))) return 'zip';
  if (adtsAt(b, at)) return 'aac';
  if (mpegAt(b, at)) return 'mp3';
  return null;
}

/**
 * Read the file's first bytes (and, after a large ID3 tag, the bytes where the audio starts) and return
 * what it is, or null for anything we must not hand to a decoder.
 */
export async function inspectAudioFile(path: string): Promise<DetectedFormat | null> {
  const handle = await open(path, 'r');
  try {
    const read = async (position: number) => {
      const buffer = Buffer.alloc(STRUCTURE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, STRUCTURE_BYTES, position);
      return buffer.subarray(0, bytesRead);
    };
    const head = await read(0);
    if (looksLikePlaylist(head)) return null;
    const tag = id3Length(head);
    if (ascii(head, 0, 3) === 'ID3' && tag === 0) return null; // an ID3 header that is not one
    if (tag === 0) return detected(structuralFormat(head, 0));
    // Some encoders pad after the tag: allow a little zero padding before the first frame.
    const after = tag + 4 <= head.length ? head : await read(tag);
    const base = after === head ? tag : 0;
    if (looksLikePlaylist(after.subarray(base))) return null;
    let at = base;
    while (at < Math.min(after.length, base + 4096) && after[at] === 0) at++;
    const format = structuralFormat(after, at);
    // Behind an ID3 tag only MPEG audio, ADTS or FLAC make sense.
    return detected(format === 'mp3' || format === 'aac' || format === 'flac' ? format : null);
  } finally {
    await handle.close();
  }
}

function detected(format: AudioFormat | null): DetectedFormat | null {
  return format ? detectedFormat(format) : null;
}
