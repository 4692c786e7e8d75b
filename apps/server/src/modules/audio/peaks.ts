/**
 * Multi-resolution waveform peaks from 16-bit interleaved PCM, fed in chunks as the decoder produces them
 * (the whole signal is never in memory). The finest level keeps min / max over all channels per
 * `BASE_SAMPLES_PER_PEAK` frames; coarser levels merge it. Quantised to -127..127, rounding outwards so a
 * peak is never drawn smaller than it is.
 */
import type { Peaks, PeaksLevel } from '@rsm/shared/peaks-format';

export const BASE_SAMPLES_PER_PEAK = 512;
/** Each coarser level merges this many peaks of the level before it (512 → 4096 → 32768 frames per peak). */
export const LEVEL_FACTOR = 8;
export const LEVEL_COUNT = 3;

export class PeaksBuilder {
  private mins: Int16Array = new Int16Array(1 << 14);
  private maxs: Int16Array = new Int16Array(1 << 14);
  private count = 0;
  private frames = 0;
  private inBucket = 0;
  private bucketMin = 32767;
  private bucketMax = -32768;
  private leftover: Buffer = Buffer.alloc(0);

  constructor(
    readonly channels: number,
    readonly samplesPerPeak = BASE_SAMPLES_PER_PEAK,
  ) {
    if (channels < 1) throw new Error('at least one channel');
  }

  /** Little-endian signed 16-bit samples, channels interleaved; chunk boundaries may fall anywhere. */
  push(chunk: Buffer): void {
    const frameBytes = 2 * this.channels;
    let data = this.leftover.length ? Buffer.concat([this.leftover, chunk]) : chunk;
    const usable = data.length - (data.length % frameBytes);
    this.leftover = Buffer.from(data.subarray(usable));
    if (usable === 0) return;
    // Int16Array needs an even byte offset: copy when the pipe handed us an odd one.
    if (data.byteOffset % 2 !== 0) data = Buffer.from(data.subarray(0, usable));
    const samples = new Int16Array(data.buffer, data.byteOffset, usable / 2);
    const { channels, samplesPerPeak } = this;
    let min = this.bucketMin;
    let max = this.bucketMax;
    let inBucket = this.inBucket;
    for (let i = 0; i < samples.length; i += channels) {
      for (let c = 0; c < channels; c++) {
        const v = samples[i + c]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (++inBucket === samplesPerPeak) {
        this.append(min, max);
        min = 32767;
        max = -32768;
        inBucket = 0;
      }
    }
    this.frames += samples.length / channels;
    this.bucketMin = min;
    this.bucketMax = max;
    this.inBucket = inBucket;
  }

  private append(min: number, max: number): void {
    if (this.count === this.mins.length) {
      const grow = (a: Int16Array) => {
        const next = new Int16Array(a.length * 2);
        next.set(a);
        return next;
      };
      this.mins = grow(this.mins);
      this.maxs = grow(this.maxs);
    }
    this.mins[this.count] = min;
    this.maxs[this.count] = max;
    this.count++;
  }

  get frameCount(): number {
    return this.frames;
  }

  /** Close the last partial bucket and build every level. */
  finish(sampleRate: number, sourceChannels: number): Peaks {
    if (this.inBucket > 0) this.append(this.bucketMin, this.bucketMax);
    this.inBucket = 0;
    const levels: PeaksLevel[] = [];
    let mins = this.mins.subarray(0, this.count);
    let maxs = this.maxs.subarray(0, this.count);
    let samplesPerPeak = this.samplesPerPeak;
    for (let level = 0; level < LEVEL_COUNT; level++) {
      levels.push({ samplesPerPeak, data: quantise(mins, maxs) });
      const n = Math.ceil(mins.length / LEVEL_FACTOR);
      const nextMins = new Int16Array(n);
      const nextMaxs = new Int16Array(n);
      for (let i = 0; i < n; i++) {
        let lo = 32767;
        let hi = -32768;
        for (let j = i * LEVEL_FACTOR; j < Math.min(mins.length, (i + 1) * LEVEL_FACTOR); j++) {
          if (mins[j]! < lo) lo = mins[j]!;
          if (maxs[j]! > hi) hi = maxs[j]!;
        }
        nextMins[i] = lo;
        nextMaxs[i] = hi;
      }
      mins = nextMins;
      maxs = nextMaxs;
      samplesPerPeak *= LEVEL_FACTOR;
    }
    return {
      sampleRate,
      channels: sourceChannels,
      frames: this.frames,
      durationMs: sampleRate > 0 ? Math.round((this.frames / sampleRate) * 1000) : 0,
      levels,
    };
  }
}

function quantise(mins: Int16Array, maxs: Int16Array): Int8Array {
  const out = new Int8Array(mins.length * 2);
  for (let i = 0; i < mins.length; i++) {
    out[2 * i] = Math.max(-127, Math.floor((mins[i]! / 32768) * 127));
    out[2 * i + 1] = Math.min(127, Math.ceil((maxs[i]! / 32767) * 127));
  }
  return out;
}
