/**
 * The structural sniffer: real files of every accepted format (made by the bundled ffmpeg) are recognised,
 * and playlists, lone magic prefixes and broken headers are not (issue #9.1).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { id3Length, inspectAudioFile, looksLikePlaylist, mpegFrameLength } from '../../../apps/server/src/modules/audio/format-structure.ts';
import { ffmpegPath } from '../../../apps/server/src/modules/audio/ffmpeg-process.ts';
import { sine, wavBuffer } from '../../support/wav.ts';

const dir = mkdtempSync(join(tmpdir(), 'rsm-structure-'));
const ID3_EMPTY = Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]);

function file(name: string, body: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

const ENCODINGS: Record<string, string[]> = {
  'tone.mp3': ['-c:a', 'libmp3lame', '-b:a', '128k'],
  'tone.flac': ['-c:a', 'flac'],
  'tone.ogg': ['-c:a', 'libvorbis'],
  'tone.opus.ogg': ['-c:a', 'libopus', '-f', 'ogg'],
  'tone.aiff': ['-c:a', 'pcm_s16be'],
  'tone.m4a': ['-c:a', 'aac'],
  'tone.aac': ['-c:a', 'aac', '-f', 'adts'],
  'tone-rf64.wav': ['-c:a', 'pcm_s24le', '-rf64', 'always'],
  'tone-tagged.mp3': ['-c:a', 'libmp3lame', '-metadata', 'title=A title', '-id3v2_version', '4'],
};

beforeAll(() => {
  const source = file('source.wav', wavBuffer({ seconds: 1, signal: sine(440, -6) }));
  for (const [name, args] of Object.entries(ENCODINGS)) {
    execFileSync(ffmpegPath({ FFMPEG_PATH: undefined }), ['-hide_banner', '-loglevel', 'error', '-y', '-i', source, ...args, join(dir, name)]);
  }
});

describe('real files', () => {
  it.each([
    ['source.wav', 'wav'],
    ['tone-rf64.wav', 'wav'],
    ['tone.mp3', 'mp3'],
    ['tone-tagged.mp3', 'mp3'],
    ['tone.flac', 'flac'],
    ['tone.ogg', 'ogg'],
    ['tone.opus.ogg', 'ogg'],
    ['tone.aiff', 'aiff'],
    ['tone.m4a', 'm4a'],
    ['tone.aac', 'aac'],
  ])('%s is %s', async (name, format) => {
    expect((await inspectAudioFile(join(dir, name)))?.format).toBe(format);
  });

  it('an MP3 behind a large ID3 tag (cover art beyond the first 64 KiB) is still found', async () => {
    const mp3 = await import('node:fs').then((fs) => fs.readFileSync(join(dir, 'tone.mp3')));
    const body = 200_000;
    const size = Buffer.from([(body >> 21) & 0x7f, (body >> 14) & 0x7f, (body >> 7) & 0x7f, body & 0x7f]);
    const tag = Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0]), size, Buffer.alloc(body, 0x41)]);
    const firstFrame = mp3.indexOf(Buffer.from([0xff]), id3Length(mp3));
    expect((await inspectAudioFile(file('big-tag.mp3', Buffer.concat([tag, mp3.subarray(firstFrame)]))))?.format).toBe('mp3');
  });
});

describe('refused', () => {
  it.each([
    ['an HLS playlist behind an ID3 tag', Buffer.concat([ID3_EMPTY, Buffer.from('#EXTM3U\n#EXTINF:10,\nfile:///data/files/studios/x/originals/y.wav\n')])],
    ['an ffconcat list behind an ID3 tag', Buffer.concat([ID3_EMPTY, Buffer.from("ffconcat version 1.0\nfile '/etc/passwd'\n")])],
    ['a playlist after a valid MPEG frame header', Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413), Buffer.from('#EXTM3U\n')])],
    ['ID3 followed by text', Buffer.concat([ID3_EMPTY, Buffer.from('hello world, this is not audio'.repeat(20))])],
    ['ID3 with a broken size', Buffer.from('ID3\x04\x00\x00\xff\xff\xff\xff' + 'x'.repeat(100), 'latin1')],
    ['RIFF/WAVE without a fmt chunk', Buffer.from('RIFF\x00\x10\x00\x00WAVEjunk' + '\x07'.repeat(4000), 'latin1')],
    ['fLaC without STREAMINFO', Buffer.from('fLaC' + '\x04\x00\x00\x10' + 'x'.repeat(100), 'latin1')],
    ['OggS without a codec', Buffer.from('OggS\x00\x02' + '\x00'.repeat(21) + '\x01' + 'x'.repeat(100), 'latin1')],
    ['ftyp with an image brand', Buffer.from('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic' + 'x'.repeat(100), 'latin1')],
    ['a lone MPEG sync word', Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413, 0x20), Buffer.from('not a second frame')])],
  ])('%s', async (name, body) => {
    expect(await inspectAudioFile(file(`${name.replace(/\W+/g, '-')}.bin`, body))).toBeNull();
  });

  it('recognises playlist text and MPEG frame headers', () => {
    expect(looksLikePlaylist(Buffer.from('  #extm3u'))).toBe(true);
    expect(looksLikePlaylist(Buffer.from('RIFF....WAVEfmt '))).toBe(false);
    // MPEG-1 layer III, 128 kbit/s, 44.1 kHz: 417 bytes.
    expect(mpegFrameLength(Buffer.from([0xff, 0xfb, 0x90, 0x64]), 0)).toBe(417);
    expect(mpegFrameLength(Buffer.from([0xff, 0xfb, 0xf0, 0x64]), 0)).toBe(0); // bitrate index 15
  });
});
