/**
 * Generated test audio: a tiny 16-bit PCM WAV writer (whole buffer or streamed chunk by chunk, for files
 * too big to hold), and signals with known properties (sine at a dBFS level, on/off blocks, ramps).
 */
import { Readable } from 'node:stream';

export type Signal = (frame: number, channel: number) => number;

export function wavHeader(frames: number, sampleRate: number, channels: number): Buffer {
  const dataBytes = frames * channels * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(Math.min(0xffffffff, 36 + dataBytes), 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(Math.min(0xffffffff, dataBytes), 40);
  return header;
}

function pcm(signal: Signal, from: number, to: number, channels: number): Buffer {
  const out = Buffer.alloc((to - from) * channels * 2);
  let offset = 0;
  for (let frame = from; frame < to; frame++) {
    for (let c = 0; c < channels; c++) {
      const v = Math.max(-1, Math.min(1, signal(frame, c)));
      out.writeInt16LE(Math.round(v * 32767), offset);
      offset += 2;
    }
  }
  return out;
}

export function wavBuffer(options: { seconds: number; sampleRate?: number; channels?: number; signal: Signal }): Buffer {
  const sampleRate = options.sampleRate ?? 44100;
  const channels = options.channels ?? 2;
  const frames = Math.round(options.seconds * sampleRate);
  return Buffer.concat([wavHeader(frames, sampleRate, channels), pcm(options.signal, 0, frames, channels)]);
}

/** A WAV of `frames` frames produced on demand, a block at a time (constant memory). */
export function wavStream(options: { frames: number; sampleRate?: number; channels?: number; signal: Signal; blockFrames?: number }): Readable {
  const sampleRate = options.sampleRate ?? 44100;
  const channels = options.channels ?? 2;
  const block = options.blockFrames ?? 16384;
  let next = 0;
  let headerSent = false;
  return new Readable({
    read() {
      if (!headerSent) {
        headerSent = true;
        this.push(wavHeader(options.frames, sampleRate, channels));
        return;
      }
      if (next >= options.frames) {
        this.push(null);
        return;
      }
      const to = Math.min(options.frames, next + block);
      this.push(pcm(options.signal, next, to, channels));
      next = to;
    },
  });
}

/** A sine of `dbfs` peak level (0 dBFS = full scale) at `hz`, the same on every channel. */
export function sine(hz: number, dbfs: number, sampleRate = 44100): Signal {
  const amplitude = 10 ** (dbfs / 20);
  return (frame) => amplitude * Math.sin((2 * Math.PI * hz * frame) / sampleRate);
}

/** Full-scale-ish square-ish blocks: `amplitudes[i]` for block i of `blockFrames` frames (a 1 kHz sine of that peak). */
export function blocks(amplitudes: number[], blockFrames: number, sampleRate = 44100): Signal {
  return (frame) => {
    const a = amplitudes[Math.floor(frame / blockFrames)] ?? 0;
    return a * Math.sin((2 * Math.PI * 1000 * frame) / sampleRate);
  };
}
