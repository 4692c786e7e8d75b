/**
 * Waveform peaks as a compact binary file, written by the server's audio job and read by the player.
 *
 * Layout (little-endian): "RSMP" · u8 version (1) · u8 level count · u16 channels · u32 sample rate ·
 * u32 duration ms · u32 frames (low) · u32 frames (high); then per level: u32 samples per peak ·
 * u32 peak count · count × (i8 min, i8 max). Values are the min / max over all channels of the bucket,
 * scaled to -127..127. Levels go from fine to coarse.
 */
export interface PeaksLevel {
  samplesPerPeak: number;
  /** min, max, min, max… */
  data: Int8Array;
}

export interface Peaks {
  sampleRate: number;
  channels: number;
  durationMs: number;
  frames: number;
  levels: PeaksLevel[];
}

const MAGIC = [0x52, 0x53, 0x4d, 0x50]; // RSMP
const HEADER = 24;

export function encodePeaks(peaks: Peaks): Uint8Array {
  const size = HEADER + peaks.levels.reduce((sum, level) => sum + 8 + level.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint8(4, 1);
  view.setUint8(5, peaks.levels.length);
  view.setUint16(6, peaks.channels, true);
  view.setUint32(8, peaks.sampleRate, true);
  view.setUint32(12, Math.min(peaks.durationMs, 0xffffffff), true);
  view.setUint32(16, peaks.frames % 2 ** 32, true);
  view.setUint32(20, Math.floor(peaks.frames / 2 ** 32), true);
  let offset = HEADER;
  for (const level of peaks.levels) {
    view.setUint32(offset, level.samplesPerPeak, true);
    view.setUint32(offset + 4, level.data.length / 2, true);
    out.set(new Uint8Array(level.data.buffer, level.data.byteOffset, level.data.length), offset + 8);
    offset += 8 + level.data.length;
  }
  return out;
}

export function decodePeaks(buffer: ArrayBuffer | Uint8Array): Peaks {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < HEADER || MAGIC.some((b, i) => bytes[i] !== b) || view.getUint8(4) !== 1) throw new Error('not a peaks file');
  const levelCount = view.getUint8(5);
  const levels: PeaksLevel[] = [];
  let offset = HEADER;
  for (let i = 0; i < levelCount; i++) {
    const samplesPerPeak = view.getUint32(offset, true);
    const count = view.getUint32(offset + 4, true);
    if (offset + 8 + count * 2 > bytes.length) throw new Error('truncated peaks file');
    levels.push({ samplesPerPeak, data: new Int8Array(bytes.buffer, bytes.byteOffset + offset + 8, count * 2) });
    offset += 8 + count * 2;
  }
  return {
    channels: view.getUint16(6, true),
    sampleRate: view.getUint32(8, true),
    durationMs: view.getUint32(12, true),
    frames: view.getUint32(16, true) + view.getUint32(20, true) * 2 ** 32,
    levels,
  };
}

/** The level whose resolution is closest to (and at least) `peaksWanted` peaks for the whole track. */
export function pickLevel(peaks: Peaks, peaksWanted: number): PeaksLevel {
  const sorted = [...peaks.levels].sort((a, b) => b.samplesPerPeak - a.samplesPerPeak);
  return sorted.find((level) => level.data.length / 2 >= peaksWanted) ?? sorted[sorted.length - 1]!;
}

/** For wavesurfer.js `load(url, peaks, duration)`: one channel of interleaved min / max in -1..1. */
export function peaksForWavesurfer(level: PeaksLevel): Float32Array[] {
  const out = new Float32Array(level.data.length);
  for (let i = 0; i < level.data.length; i++) out[i] = level.data[i]! / 127;
  return [out];
}
