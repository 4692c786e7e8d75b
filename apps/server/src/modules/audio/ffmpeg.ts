/**
 * What we ask of ffmpeg (each run goes through `ffmpeg-process.ts`, which treats the file as hostile): one
 * decode to PCM for the peaks (and the stream facts ffmpeg prints), then loudness (EBU R128 integrated +
 * true peak) with the MP3 preview encoded in the same pass.
 */
import { runFfmpeg, type AudioInput, type FfmpegConfig, type FfmpegExit } from './ffmpeg-process.ts';
import { AudioDecodeError } from './processing-errors.ts';

export { AudioDecodeError } from './processing-errors.ts';
export { ffmpegPath } from './ffmpeg-process.ts';

/** Bit rate of every preview: what listen-only links and locked versions stream instead of the original. */
export const PREVIEW_BITRATE = '128k';

/** Signals that mean "stopped from outside" (a shutdown): the job is retried. Others are the file's doing. */
const INTERRUPTIONS = new Set<NodeJS.Signals>(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGKILL', 'SIGQUIT']);

/**
 * Why ffmpeg stopped without success: a file it cannot read or that exceeds our limits (AudioDecodeError,
 * final), or an interruption (the server shutting down: a plain Error, so the job is retried).
 */
export function ffmpegFailure(exit: FfmpegExit, stderr: string): Error {
  if (exit.timedOut) return new AudioDecodeError('ffmpeg exceeded its wall-clock limit', 'too_complex');
  if (exit.signal === 'SIGXCPU') return new AudioDecodeError('ffmpeg exceeded its CPU time limit', 'too_complex');
  if (/cannot allocate memory|out of memory/i.test(stderr)) return new AudioDecodeError('ffmpeg exceeded its memory limit', 'too_complex');
  if ((exit.signal && INTERRUPTIONS.has(exit.signal)) || /received signal \d+/i.test(stderr))
    return new Error(`ffmpeg was interrupted (${exit.signal ?? 'signal'})`);
  if (exit.signal) return new AudioDecodeError(`ffmpeg crashed (${exit.signal})`);
  if (/matches no streams|does not contain any stream/i.test(stderr)) return new AudioDecodeError(firstErrorLine(stderr), 'no_audio');
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
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /invalid|error|could not|unknown|not supported|no such/i.test(l)) ?? lines[lines.length - 1] ?? 'unknown error';
}

/**
 * Decode the first audio stream to 16-bit PCM with its own channels and rate. ffmpeg prints the stream
 * facts before any sample; PCM that arrives earlier is held until `onStart(facts)` has given the consumer.
 * (Forcing stereo would let ffmpeg attenuate a mono file by 3 dB.) A layout we cannot count is decoded as
 * stereo instead. Rejects with AudioDecodeError when ffmpeg cannot read the file; an error thrown by the
 * consumer stops ffmpeg and rejects with that error.
 */
export async function decodePcm(
  config: FfmpegConfig,
  input: AudioInput,
  onStart: (facts: { sampleRate: number; channels: number }) => (chunk: Buffer) => void,
  forceStereo = false,
): Promise<StreamFacts> {
  const args = ['-map', '0:a:0', '-vn', ...(forceStereo ? ['-ac', '2'] : []), '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'];
  const { child, exit } = await runFfmpeg(config, input, args);
  const stderr = new Tail();
  let consumer: ((chunk: Buffer) => void) | null = null;
  let held: Buffer[] = [];
  let failure: Error | null = null;
  const fail = (error: Error) => {
    if (failure) return;
    failure = error;
    child.kill('SIGKILL');
  };
  const tryStart = () => {
    if (consumer) return;
    const facts = parseStreamFacts(stderr.toString());
    if (!facts.sampleRate || (!facts.channels && !forceStereo)) return;
    consumer = onStart({ sampleRate: facts.sampleRate, channels: forceStereo ? 2 : facts.channels! });
    for (const chunk of held) consumer(chunk);
    held = [];
  };
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr.push(chunk);
    try {
      tryStart();
    } catch (error) {
      fail(error as Error);
    }
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    try {
      if (consumer) consumer(chunk);
      else held.push(chunk);
    } catch (error) {
      fail(error as Error);
    }
  });
  const ended = await exit;
  if (failure) throw failure;
  if (ended.code !== 0) throw ffmpegFailure(ended, stderr.toString());
  tryStart();
  if (!consumer) {
    // A channel layout we could not count: decode again as stereo.
    if (!forceStereo && parseStreamFacts(stderr.toString()).sampleRate) return decodePcm(config, input, onStart, true);
    throw new AudioDecodeError('no audio stream found', 'no_audio');
  }
  const facts = parseStreamFacts(stderr.toString());
  return forceStereo ? { ...facts, channels: facts.channels ?? 2 } : facts;
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

/** Loudness and true peak of the first audio stream; with `previewPath`, the MP3 preview in the same decode. */
export async function measureLoudness(config: FfmpegConfig, input: AudioInput, previewPath: string | null): Promise<Loudness> {
  const previewArgs = previewPath ? ['-map', '0:a:0', '-vn', '-ac', '2', '-c:a', 'libmp3lame', '-b:a', PREVIEW_BITRATE, '-f', 'mp3', '-y', previewPath] : [];
  const args = ['-nostats', ...previewArgs, '-map', '0:a:0', '-af', 'ebur128=peak=true', '-f', 'null', '-'];
  const { child, exit } = await runFfmpeg(config, input, args);
  const stderr = new Tail();
  child.stdout!.resume();
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
  const ended = await exit;
  if (ended.code !== 0) throw ffmpegFailure(ended, stderr.toString());
  return parseLoudness(stderr.toString());
}
