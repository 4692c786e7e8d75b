/**
 * ffmpeg, from the npm package `@ffmpeg-installer/ffmpeg` (a static linux-x64 binary inside the package;
 * FFMPEG_PATH overrides it). Two runs per version: one decode to PCM for the peaks (and the stream facts
 * ffmpeg prints), then loudness (EBU R128 integrated + true peak) with the preview encoded in the same pass.
 */
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Config } from '../../config/env.ts';

const require = createRequire(import.meta.url);
let resolvedPath: string | null = null;

export function ffmpegPath(config: Pick<Config, 'FFMPEG_PATH'>): string {
  if (config.FFMPEG_PATH) return config.FFMPEG_PATH;
  if (resolvedPath) return resolvedPath;
  const path = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    // The package's install script only sets the executable bit; with install scripts disabled we do it here.
    chmodSync(path, statSync(path).mode | 0o100);
  }
  resolvedPath = path;
  return path;
}

export class AudioDecodeError extends Error {}

/**
 * Why ffmpeg stopped without success: a file it cannot read (AudioDecodeError, final), or an interruption
 * (a signal, e.g. the server shutting down: a plain Error, so the job is retried).
 */
export function ffmpegFailure(code: number | null, signal: NodeJS.Signals | null, stderr: string): Error {
  if (signal || /received signal \d+/i.test(stderr)) return new Error(`ffmpeg was interrupted (${signal ?? 'signal'})`);
  return new AudioDecodeError(firstErrorLine(stderr));
}

/** The last part of ffmpeg's stderr (its error, or the loudness summary), bounded. */
class Tail {
  private text = '';
  constructor(private readonly limit = 64 * 1024) {}
  push(chunk: Buffer): void {
    this.text += chunk.toString('utf8');
    if (this.text.length > this.limit * 2) this.text = this.text.slice(-this.limit);
  }
  toString(): string {
    return this.text;
  }
}

export interface StreamFacts {
  sampleRate: number | null;
  channels: number | null;
}

/** "Stream #0:0: Audio: pcm_s16le (…), 44100 Hz, stereo, s16, 1411 kb/s" → rate and channel count. */
export function parseStreamFacts(stderr: string): StreamFacts {
  const line = /Stream #0:\d+.*?: Audio: (.*)/.exec(stderr)?.[1] ?? '';
  const rate = /(\d+) Hz/.exec(line);
  const layout = /\d+ Hz, ([^,]+)/.exec(line)?.[1]?.trim() ?? '';
  let channels: number | null = null;
  if (layout === 'mono') channels = 1;
  else if (layout === 'stereo') channels = 2;
  else if (layout === 'quad') channels = 4;
  else if (/^(\d+) channels/.test(layout)) channels = Number(/^(\d+)/.exec(layout)![1]);
  else if (/^(\d+)\.(\d+)/.test(layout)) {
    const [, a, b] = /^(\d+)\.(\d+)/.exec(layout)!;
    channels = Number(a) + Number(b);
  }
  return { sampleRate: rate ? Number(rate[1]) : null, channels };
}

function firstErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /invalid|error|could not|unknown|not supported|no such/i.test(l)) ?? lines[lines.length - 1] ?? 'unknown error';
}

/**
 * Decode the first audio stream to 16-bit PCM with its own channels and rate. ffmpeg prints the stream
 * facts before any sample; PCM that arrives earlier is held until `onStart(facts)` has given the consumer.
 * (Forcing stereo would let ffmpeg attenuate a mono file by 3 dB.) A layout we cannot count is decoded as
 * stereo instead. Rejects with AudioDecodeError when ffmpeg cannot read the file.
 */
export function decodePcm(config: Pick<Config, 'FFMPEG_PATH'>, input: string, onStart: (facts: { sampleRate: number; channels: number }) => (chunk: Buffer) => void, forceStereo = false): Promise<StreamFacts> {
  return new Promise((resolve, reject) => {
    const args = ['-hide_banner', '-nostdin', '-i', input, '-map', '0:a:0', '-vn', ...(forceStereo ? ['-ac', '2'] : []), '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'];
    const child = spawn(ffmpegPath(config), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr = new Tail();
    let consumer: ((chunk: Buffer) => void) | null = null;
    let held: Buffer[] = [];
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      child.kill('SIGKILL');
      reject(error);
    };
    const tryStart = () => {
      if (consumer) return;
      const facts = parseStreamFacts(stderr.toString());
      if (!facts.sampleRate || (!facts.channels && !forceStereo)) return;
      consumer = onStart({ sampleRate: facts.sampleRate, channels: forceStereo ? 2 : facts.channels! });
      for (const chunk of held) consumer(chunk);
      held = [];
    };
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      try {
        tryStart();
      } catch (error) {
        fail(error as Error);
      }
    });
    child.stdout.on('data', (chunk: Buffer) => {
      try {
        if (consumer) consumer(chunk);
        else held.push(chunk);
      } catch (error) {
        fail(error as Error);
      }
    });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (failed) return;
      if (code !== 0) return reject(ffmpegFailure(code, signal, stderr.toString()));
      try {
        tryStart();
      } catch (error) {
        return reject(error as Error);
      }
      if (!consumer) {
        // A channel layout we could not count: decode again as stereo.
        if (!forceStereo && parseStreamFacts(stderr.toString()).sampleRate) return resolve(decodePcm(config, input, onStart, true));
        return reject(new AudioDecodeError('no audio stream found'));
      }
      const facts = parseStreamFacts(stderr.toString());
      resolve(forceStereo ? { ...facts, channels: facts.channels ?? 2 } : facts);
    });
  });
}

export interface Loudness {
  integratedLufs: number | null;
  truePeakDb: number | null;
}

export function parseLoudness(stderr: string): Loudness {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const num = (match: RegExpExecArray | null) => (match && match[1] !== '-inf' && Number.isFinite(Number(match[1])) ? Number(match[1]) : null);
  return {
    integratedLufs: num(/Integrated loudness:\s+I:\s+(-?[\d.]+|-inf)\s+LUFS/.exec(summary)),
    truePeakDb: num(/True peak:\s+Peak:\s+(-?[\d.]+|-inf)\s+dBFS/.exec(summary)),
  };
}

/** Loudness and true peak of the first audio stream; with `previewPath`, an MP3 192k preview in the same decode. */
export function measureLoudness(config: Pick<Config, 'FFMPEG_PATH'>, input: string, previewPath: string | null): Promise<Loudness> {
  const previewArgs = previewPath ? ['-map', '0:a:0', '-vn', '-ac', '2', '-c:a', 'libmp3lame', '-b:a', '192k', '-y', previewPath] : [];
  const args = ['-hide_banner', '-nostdin', '-nostats', '-i', input, ...previewArgs, '-map', '0:a:0', '-af', 'ebur128=peak=true', '-f', 'null', '-'];
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(config), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr = new Tail();
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(parseLoudness(stderr.toString()));
      else reject(ffmpegFailure(code, signal, stderr.toString()));
    });
  });
}
