import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CommentThread } from './comments.service.ts';
import { audacityLabels, commentsCsv, exportThreads, formatReaperTime, formatSeconds6, reaperMarkers } from './comments.export.ts';

function thread(over: Partial<CommentThread> & Pick<CommentThread, 'atMs' | 'body'>): CommentThread {
  return {
    id: crypto.randomUUID(),
    versionId: 'v',
    parentId: null,
    author: { kind: 'staff', id: 'u', name: 'Sam' },
    visibility: 'internal',
    endMs: null,
    createdAt: '2030-01-01T00:00:00.000Z',
    editedAt: null,
    deleted: false,
    resolvedAt: null,
    resolvedByName: null,
    replies: [],
    ...over,
  };
}

const THREADS = [
  thread({ atMs: 1500, body: 'Kick too loud' }),
  thread({
    atMs: 62_250,
    endMs: 75_000,
    body: 'Vocal, "harsh", sibilant',
    author: { kind: 'client', id: 'c', name: 'Lou' },
    resolvedAt: '2030-01-02T00:00:00.000Z',
  }),
  thread({ atMs: 3_723_004, body: '=SUM(A1)', replies: [thread({ atMs: 3_723_004, body: 'Fixed in v4', author: { kind: 'staff', id: 'u', name: 'Sam' } })] }),
];

describe('comment exports', () => {
  it('CSV: header, RFC 4180 quoting, replies in the text, formula guard, CRLF', () => {
    expect(commentsCsv(THREADS)).toBe(
      'Time,End,Author,Text,Status\r\n' +
        '0:00:01.500,,Sam,Kick too loud,open\r\n' +
        '0:01:02.250,0:01:15.000,Lou,"Vocal, ""harsh"", sibilant",resolved\r\n' +
        `1:02:03.004,,Sam,"'=SUM(A1)\nSam: Fixed in v4",open\r\n`,
    );
  });

  it('Audacity labels: start TAB end TAB label, seconds with 6 decimals', () => {
    expect(audacityLabels(THREADS)).toBe(
      '1.500000\t1.500000\tSam: Kick too loud\n' + '62.250000\t75.000000\tLou: Vocal, "harsh", sibilant\n' + '3723.004000\t3723.004000\tSam: =SUM(A1)\n',
    );
  });

  it('REAPER: #,Name,Start,End,Length with M markers and R regions in Minutes:Seconds', () => {
    expect(reaperMarkers(THREADS)).toBe(
      '#,Name,Start,End,Length\r\n' +
        'M1,Sam: Kick too loud,0:01.500,,\r\n' +
        'R1,"Lou: Vocal, ""harsh"", sibilant",1:02.250,1:15.000,0:12.750\r\n' +
        'M2,Sam: =SUM(A1),1:02:03.004,,\r\n',
    );
  });

  it('leaves resolved threads out when asked, and names the file after the track and version', () => {
    const file = exportThreads(THREADS, 'audacity', { trackTitle: 'Night / Drive', versionNumber: 3 }, false);
    expect(file.filename).toBe('Night-Drive-v3-audacity-labels.txt');
    expect(file.content.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('times are exact for every millisecond position', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 * 3600 * 1000 }), (ms) => {
        expect(Math.round(Number(formatSeconds6(ms)) * 1000)).toBe(ms);
        const parts = formatReaperTime(ms).split(':').map(Number);
        const seconds = parts.reduce((acc, p) => acc * 60 + p, 0);
        expect(Math.round(seconds * 1000)).toBe(ms);
      }),
    );
  });
});
