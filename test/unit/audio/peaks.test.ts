/** Peaks of generated signals with a known envelope: through the builder directly and through ffmpeg. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePeaks, encodePeaks, peaksForWavesurfer, pickLevel } from '@rsm/shared/peaks-format';
import { PeaksBuilder, BASE_SAMPLES_PER_PEAK, LEVEL_FACTOR } from '../../../apps/server/src/modules/audio/peaks.ts';
import { decodePcm } from '../../../apps/server/src/modules/audio/ffmpeg.ts';
import { blocks, wavBuffer } from '../../support/wav.ts';

const BLOCK = BASE_SAMPLES_PER_PEAK * LEVEL_FACTOR; // one level-1 peak per block
const AMPLITUDES = [0, 0.5, 1, 0.25, 0.75, 0, 0.1, 0.9];

function expectEnvelope(data: Int8Array, amplitudes: number[], perBlock: number, tolerance: number) {
  amplitudes.forEach((a, block) => {
    for (let i = block * perBlock; i < (block + 1) * perBlock; i++) {
      expect(Math.abs(data[2 * i + 1]! - a * 127), `max of peak ${i} (block ${block}, amplitude ${a})`).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(data[2 * i]! + a * 127), `min of peak ${i} (block ${block}, amplitude ${a})`).toBeLessThanOrEqual(tolerance);
    }
  });
}

describe('peaks', () => {
  const wav = wavBuffer({ seconds: (BLOCK * AMPLITUDES.length) / 44100, signal: blocks(AMPLITUDES, BLOCK) });
  const pcm = wav.subarray(44);

  it('follow the envelope of on/off blocks at every level', () => {
    const builder = new PeaksBuilder(2);
    builder.push(pcm);
    const peaks = builder.finish(44100, 2);
    expect(peaks.frames).toBe(BLOCK * AMPLITUDES.length);
    expect(peaks.levels.map((l) => l.samplesPerPeak)).toEqual([512, 4096, 32768]);
    expect(peaks.levels[0]!.data.length / 2).toBe(AMPLITUDES.length * LEVEL_FACTOR);
    expectEnvelope(peaks.levels[0]!.data, AMPLITUDES, LEVEL_FACTOR, 2);
    expectEnvelope(peaks.levels[1]!.data, AMPLITUDES, 1, 2);
    // The coarsest level holds the loudest block.
    expect(peaks.levels[2]!.data[1]).toBe(127);
    expect(peaks.durationMs).toBe(Math.round((BLOCK * AMPLITUDES.length * 1000) / 44100));
  });

  it('do not depend on how the PCM stream is cut into chunks', () => {
    const whole = new PeaksBuilder(2);
    whole.push(pcm);
    const expected = encodePeaks(whole.finish(44100, 2));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 30 }), (cuts) => {
        const builder = new PeaksBuilder(2);
        let offset = 0;
        for (const cut of cuts) {
          builder.push(pcm.subarray(offset, Math.min(pcm.length, offset + cut)));
          offset = Math.min(pcm.length, offset + cut);
        }
        builder.push(pcm.subarray(offset));
        expect(encodePeaks(builder.finish(44100, 2))).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('survive the binary format and convert for wavesurfer', () => {
    const builder = new PeaksBuilder(2);
    builder.push(pcm);
    const peaks = builder.finish(44100, 2);
    const decoded = decodePeaks(encodePeaks(peaks).slice().buffer);
    expect(decoded.sampleRate).toBe(44100);
    expect(decoded.frames).toBe(peaks.frames);
    expect(decoded.levels.map((l) => Array.from(l.data))).toEqual(peaks.levels.map((l) => Array.from(l.data)));
    expect(pickLevel(decoded, 8).samplesPerPeak).toBe(4096);
    expect(pickLevel(decoded, 9).samplesPerPeak).toBe(512);
    const [channel] = peaksForWavesurfer(decoded.levels[1]!);
    expect(channel![2 * 2 + 1]).toBeCloseTo(1, 1);
    expect(() => decodePeaks(new Uint8Array([1, 2, 3]))).toThrow();
  });

  it('computed from a WAV through ffmpeg match the envelope', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rsm-peaks-'));
    const file = join(dir, 'blocks.wav');
    writeFileSync(file, wav);
    const builder = new PeaksBuilder(2);
    const facts = await decodePcm(
      { FFMPEG_PATH: undefined, FFMPEG_TIME_LIMIT_SECONDS: 120, FFMPEG_MEMORY_LIMIT_MB: 1536 },
      { path: file, format: 'wav' },
      () => (chunk) => builder.push(chunk),
    );
    expect(facts).toEqual({ sampleRate: 44100, channels: 2 });
    const peaks = builder.finish(facts.sampleRate!, facts.channels!);
    expectEnvelope(peaks.levels[1]!.data, AMPLITUDES, 1, 2);
  });

  it('of a 10-minute stereo file stay small', () => {
    const frames = 600 * 44100;
    const base = Math.ceil(frames / 512);
    const bytes = 24 + 3 * 8 + 2 * (base + Math.ceil(base / 8) + Math.ceil(base / 64));
    expect(bytes).toBeLessThan(150_000);
  });
});
