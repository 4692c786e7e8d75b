/**
 * Setting up a browser test's data through the studio's own API and upload endpoint, with the logged-in
 * page's cookies (the journey under test stays in the UI).
 */
import { expect, type APIRequestContext } from '@playwright/test';

/** Calls a studio procedure (`studioPath` = "/s/<slug>") as the browser would; fails the test on an error. */
export async function studioCall<T>(
  request: APIRequestContext,
  studioPath: string,
  procedure: string,
  input: unknown,
  kind: 'query' | 'mutation' = 'mutation',
): Promise<T> {
  const url = `${studioPath}/trpc/${procedure}`;
  const response =
    kind === 'mutation' ? await request.post(url, { data: input }) : await request.get(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`);
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  expect(response.ok(), `${procedure}: ${JSON.stringify(body.error)}`).toBe(true);
  return body.result!.data;
}

/** A 16-bit PCM WAV of a sine: `amplitude` 0..1, mono unless `channels` is 2. */
export function sineWav(
  seconds: number,
  {
    amplitude = 0.4,
    frequency = 220,
    sampleRate = 22_050,
    channels = 1,
  }: { amplitude?: number; frequency?: number; sampleRate?: number; channels?: 1 | 2 } = {},
): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const blockAlign = 2 * channels;
  const data = Buffer.alloc(frames * blockAlign);
  for (let i = 0; i < frames; i++) {
    const value = Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * amplitude * 32_767);
    for (let c = 0; c < channels; c++) data.writeInt16LE(value, i * blockAlign + c * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** The tus 1.0 protocol by hand: create, then one PATCH with the whole file; returns the new version's id. */
export async function uploadVersion(
  request: APIRequestContext,
  studioPath: string,
  trackId: string,
  file: Buffer,
  { label = 'mix', filename = 'mix.wav' } = {},
): Promise<string> {
  const meta = (k: string, v: string) => `${k} ${Buffer.from(v).toString('base64')}`;
  const created = await request.post(`${studioPath}/uploads/`, {
    headers: {
      'Tus-Resumable': '1.0.0',
      'Upload-Length': String(file.length),
      'Upload-Metadata': [meta('trackId', trackId), meta('label', label), meta('filename', filename)].join(','),
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const patched = await request.patch(created.headers()['location']!, {
    headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
    data: file,
  });
  expect(patched.status(), await patched.text()).toBe(204);
  return patched.headers()['rsm-version-id']!;
}
