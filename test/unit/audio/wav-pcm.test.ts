/** The direct PCM reader for WAV gives the same peaks as ffmpeg, for 16- and 24-bit files with extra chunks. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPcm16, readWavPcm } from '../../../apps/server/src/modules/audio/wav-pcm.ts';
import { PeaksBuilder } from '../../../apps/server/src/modules/audio/peaks.ts';
import { decodePcm } from '../../../apps/server/src/modules/audio/ffmpeg.ts';
import { blocks, wavBuffer } from '../../support/wav.ts';

const dir = mkdtempSync(join(tmpdir(), 'rsm-wavpcm-'));
const signal = blocks([0.3, 1, 0.05, 0.6], 4096);

/** A 24-bit WAV with a LIST chunk before the data (as DAWs write them). */
function wav24(frames: number, channels: number): Buffer {
  const data = Buffer.alloc(frames * channels * 3);
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels; c++) data.writeIntLE(Math.round(signal(f, c) * 8388607), (f * channels + c) * 3, 3);
  }
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'latin1');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(channels, 10);
  fmt.writeUInt32LE(48000, 12);
  fmt.writeUInt32LE(48000 * channels * 3, 16);
  fmt.writeUInt16LE(channels * 3, 20);
  fmt.writeUInt16LE(24, 22);
  const list = Buffer.concat([Buffer.from('LIST\x05\x00\x00\x00INFOx\x00', 'latin1')]); // odd length + pad byte
  const dataHeader = Buffer.alloc(8);
  dataHeader.write('data', 0, 'latin1');
  dataHeader.writeUInt32LE(data.length, 4);
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), fmt, list, dataHeader, data]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

async function peaksBoth(path: string, channels: number) {
  const wav = await readWavPcm(path);
  expect(wav).not.toBeNull();
  const direct = new PeaksBuilder(wav!.channels);
  await readPcm16(path, wav!, (c) => direct.push(c));
  let viaFfmpeg: PeaksBuilder | null = null;
  const facts = await decodePcm(
    { FFMPEG_PATH: undefined, FFMPEG_TIME_LIMIT_SECONDS: 120, FFMPEG_MEMORY_LIMIT_MB: 1536 },
    { path, format: 'wav' },
    (started) => {
      viaFfmpeg = new PeaksBuilder(started.channels);
      return (c) => viaFfmpeg!.push(c);
    },
  );
  expect(facts.channels).toBe(channels);
  return { wav: wav!, direct: direct.finish(wav!.sampleRate, channels), ffmpeg: (viaFfmpeg as unknown as PeaksBuilder).finish(facts.sampleRate!, channels) };
}

describe('direct WAV reading', () => {
  it('16-bit stereo: same facts and peaks as ffmpeg', async () => {
    const path = join(dir, 's16.wav');
    writeFileSync(path, wavBuffer({ seconds: (4096 * 4) / 44100, signal }));
    const { wav, direct, ffmpeg } = await peaksBoth(path, 2);
    expect(wav).toMatchObject({ channels: 2, sampleRate: 44100, bitsPerSample: 16, dataOffset: 44, dataBytes: 4096 * 4 * 4 });
    expect(direct.frames).toBe(ffmpeg.frames);
    expect(Array.from(direct.levels[0]!.data)).toEqual(Array.from(ffmpeg.levels[0]!.data));
  });

  it('24-bit mono with a chunk before the data: same peaks as ffmpeg within one step', async () => {
    const path = join(dir, 's24.wav');
    writeFileSync(path, wav24(4096 * 4, 1));
    const { wav, direct, ffmpeg } = await peaksBoth(path, 1);
    expect(wav).toMatchObject({ channels: 1, sampleRate: 48000, bitsPerSample: 24 });
    expect(direct.frames).toBe(4096 * 4);
    expect(direct.frames).toBe(ffmpeg.frames);
    direct.levels[1]!.data.forEach((v, i) => expect(Math.abs(v - ffmpeg.levels[1]!.data[i]!)).toBeLessThanOrEqual(1));
    expect(direct.levels[1]!.data[3]).toBe(127);
  });

  it('leaves other files to ffmpeg', async () => {
    const float = wavBuffer({ seconds: 0.01, signal });
    float.writeUInt16LE(3, 20); // IEEE float
    writeFileSync(join(dir, 'float.wav'), float);
    expect(await readWavPcm(join(dir, 'float.wav'))).toBeNull();
    writeFileSync(join(dir, 'text.wav'), 'not a wave file');
    expect(await readWavPcm(join(dir, 'text.wav'))).toBeNull();
  });
});
