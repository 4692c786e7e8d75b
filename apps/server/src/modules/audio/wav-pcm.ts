/**
 * The fast path for the most common studio file, integer PCM WAV (16 or 24 bit): its samples are read
 * straight from the file for the peaks, without an ffmpeg process and a pipe (about 5× faster on a
 * 10-minute file). Anything else (float, 8/32-bit, RF64, compressed) goes through ffmpeg.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

export interface WavPcm {
  channels: number;
  sampleRate: number;
  bitsPerSample: 16 | 24;
  dataOffset: number;
  dataBytes: number;
}

const PCM = 1;
const EXTENSIBLE = 0xfffe;

/** The format and data chunk of a plain RIFF/WAVE integer PCM file, or null. Reads only the header chunks. */
export async function readWavPcm(path: string): Promise<WavPcm | null> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(12);
    await handle.read(head, 0, 12, 0);
    if (head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') return null;
    let offset = 12;
    let format: Omit<WavPcm, 'dataOffset' | 'dataBytes'> | null = null;
    const chunk = Buffer.alloc(40);
    // A few chunks at most before the data (fmt, LIST, bext, iXML…): walk them by their sizes.
    for (let i = 0; i < 64 && offset + 8 <= size; i++) {
      await handle.read(chunk, 0, 40, offset);
      const id = chunk.toString('latin1', 0, 4);
      const length = chunk.readUInt32LE(4);
      if (id === 'fmt ') {
        const tag = chunk.readUInt16LE(8);
        const bits = chunk.readUInt16LE(22);
        const subFormat = tag === EXTENSIBLE && length >= 40 ? chunk.readUInt16LE(32) : tag;
        if (subFormat !== PCM || (bits !== 16 && bits !== 24)) return null;
        format = { channels: chunk.readUInt16LE(10), sampleRate: chunk.readUInt32LE(12), bitsPerSample: bits };
        if (format.channels < 1 || format.sampleRate < 1) return null;
      } else if (id === 'data') {
        if (!format) return null;
        const frameBytes = (format.bitsPerSample / 8) * format.channels;
        const available = Math.min(length, size - offset - 8);
        return { ...format, dataOffset: offset + 8, dataBytes: available - (available % frameBytes) };
      }
      offset += 8 + length + (length % 2);
    }
    return null;
  } finally {
    await handle.close();
  }
}

/** Stream the data chunk as 16-bit interleaved samples (24-bit keeps its top 16 bits), frame-aligned chunks. */
export async function readPcm16(path: string, wav: WavPcm, onPcm: (chunk: Buffer) => void): Promise<void> {
  if (wav.dataBytes === 0) return;
  const frameBytes = (wav.bitsPerSample / 8) * wav.channels;
  const stream = createReadStream(path, { start: wav.dataOffset, end: wav.dataOffset + wav.dataBytes - 1, highWaterMark: frameBytes * 32768 });
  let carry = Buffer.alloc(0);
  for await (const raw of stream) {
    let data = carry.length ? Buffer.concat([carry, raw as Buffer]) : (raw as Buffer);
    const usable = data.length - (data.length % frameBytes);
    carry = Buffer.from(data.subarray(usable));
    data = data.subarray(0, usable);
    if (wav.bitsPerSample === 16) {
      onPcm(data);
      continue;
    }
    const samples = usable / 3;
    const out = Buffer.allocUnsafe(samples * 2);
    for (let i = 0, j = 0; i < samples; i++, j += 3) {
      out[2 * i] = data[j + 1]!;
      out[2 * i + 1] = data[j + 2]!;
    }
    onPcm(out);
  }
}
