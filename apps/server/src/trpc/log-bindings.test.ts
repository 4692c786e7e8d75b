import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from './context.ts';
import { bindToLog } from './log-bindings.ts';

describe('log bindings of a request shared by a batch', () => {
  it('bind a field once however many calls of the batch bind it', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const ctx = { log: pino({ base: null }, sink) } as unknown as RequestContext;
    for (let call = 0; call < 10; call++) bindToLog(ctx, 'studioId', 'studio-a');
    bindToLog(ctx, 'portalClientId', 'client-1');
    ctx.log.info('hello');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.match(/"studioId"/g)).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ studioId: 'studio-a', portalClientId: 'client-1', msg: 'hello' });
  });
});
