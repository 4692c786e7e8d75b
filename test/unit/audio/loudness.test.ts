/** Integrated loudness against the EBU Tech 3341 reference: a stereo 1 kHz sine at −23 dBFS reads −23 LUFS. */
import { mkdtempSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePcm, ffmpegFailure, measureLoudness, parseLoudness, parseStreamFacts, AudioDecodeError } from '../../../apps/server/src/modules/audio/ffmpeg.ts';
import { sine, wavBuffer } from '../../support/wav.ts';

const dir = mkdtempSync(join(tmpdir(), 'rsm-lufs-'));
const config = { FFMPEG_PATH: undefined, FFMPEG_TIME_LIMIT_SECONDS: 120, FFMPEG_MEMORY_LIMIT_MB: 1536 };
const wavInput = (path: string) => ({ path, format: 'wav' as const });

function tone(dbfs: number): string {
  const file = join(dir, `tone${dbfs}.wav`);
  writeFileSync(file, wavBuffer({ seconds: 20, signal: sine(1000, dbfs) }));
  return file;
}

describe('loudness', () => {
  it.each([-23, -18])('of a stereo 1 kHz sine at %d dBFS is that many LUFS (±0.5 LU), true peak the same dBTP', async (dbfs) => {
    const result = await measureLoudness(config, wavInput(tone(dbfs)), null);
    expect(Math.abs(result.integratedLufs! - dbfs)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(result.truePeakDb! - dbfs)).toBeLessThanOrEqual(0.5);
  });

  it('is measured in the same pass as the MP3 preview', async () => {
    const preview = join(dir, 'preview.mp3');
    const result = await measureLoudness(config, wavInput(tone(-23)), preview);
    expect(Math.abs(result.integratedLufs! + 23)).toBeLessThanOrEqual(0.5);
    expect(statSync(preview).size).toBeGreaterThan(250_000); // 20 s at 128 kb/s ≈ 320 kB
  });

  it('reads silence as no loudness rather than a number', () => {
    expect(parseLoudness('Summary:\n\n  Integrated loudness:\n    I:         -70.0 LUFS\n  True peak:\n    Peak:       -inf dBFS')).toEqual({
      integratedLufs: -70,
      truePeakDb: null,
    });
  });

  it('refuses a file that is not audio with a readable reason', async () => {
    const file = join(dir, 'text.wav');
    writeFileSync(file, 'this is not a wave file at all, just text');
    await expect(decodePcm(config, wavInput(file), () => () => undefined)).rejects.toBeInstanceOf(AudioDecodeError);
  });

  it('a playlist that got past the sniffer still reads nothing: fd only, the sniffed demuxer only (#9.1)', async () => {
    const victim = tone(-9);
    const id3 = Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]);
    const playlist = join(dir, 'playlist.mp3');
    writeFileSync(playlist, Buffer.concat([id3, Buffer.from(`#EXTM3U\n#EXTINF:20.0,\nfile://${victim}\n#EXT-X-ENDLIST\n`)]));
    let bytes = 0;
    await expect(decodePcm(config, { path: playlist, format: 'mp3' }, () => (chunk) => (bytes += chunk.length))).rejects.toBeInstanceOf(AudioDecodeError);
    expect(bytes).toBe(0);
  });

  it('tells an unreadable file (final) from an interrupted ffmpeg (retried)', () => {
    const exit = (code: number | null, signal: NodeJS.Signals | null, timedOut = false) => ({ code, signal, timedOut });
    expect(ffmpegFailure(exit(1, null), 'x.wav: Invalid data found when processing input')).toBeInstanceOf(AudioDecodeError);
    expect(ffmpegFailure(exit(null, 'SIGTERM'), '')).not.toBeInstanceOf(AudioDecodeError);
    expect(ffmpegFailure(exit(255, null), 'size=N/A\nExiting normally, received signal 15.')).not.toBeInstanceOf(AudioDecodeError);
    // Our limits: final, with a code staff can read.
    expect(ffmpegFailure(exit(null, 'SIGXCPU'), '')).toMatchObject({ code: 'too_complex' });
    expect(ffmpegFailure(exit(null, 'SIGKILL', true), '')).toMatchObject({ code: 'too_complex' });
    expect(ffmpegFailure(exit(1, null), "Stream map '0:a:0' matches no streams.")).toMatchObject({ code: 'no_audio' });
  });

  it('parses the stream line of several layouts', () => {
    expect(parseStreamFacts('  Stream #0:0: Audio: pcm_s16le ([1][0][0][0] / 0x0001), 48000 Hz, mono, s16, 768 kb/s')).toEqual({
      sampleRate: 48000,
      channels: 1,
    });
    expect(parseStreamFacts('  Stream #0:0: Audio: flac, 96000 Hz, 5.1, s32 (24 bit)')).toEqual({ sampleRate: 96000, channels: 6 });
    expect(parseStreamFacts('  Stream #0:0(und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 256 kb/s (default)')).toEqual({
      sampleRate: 44100,
      channels: 2,
    });
  });
});
