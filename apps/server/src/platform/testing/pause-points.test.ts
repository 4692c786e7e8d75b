import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.ts';
import { configurePausePoints, parsePauseSpec, pausePoint } from './pause-points.ts';

describe('pause points', () => {
  afterEach(() => configurePausePoints(undefined));

  it('are refused outside crash tests', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', APP_URL: 'https://x.example.com', TEST_PAUSE_AT: 'a.b' })).toThrow(/TEST_PAUSE_AT/);
    expect(() => loadConfig({ NODE_ENV: 'development', TEST_PAUSE_AT: 'a.b' })).toThrow(/TEST_PAUSE_AT/);
    expect(loadConfig({ NODE_ENV: 'test', TEST_PAUSE_AT: 'a.b#2' }).TEST_PAUSE_AT).toBe('a.b#2');
  });

  it('parse a name and an optional hit count', () => {
    expect(parsePauseSpec('uploads.after-move')).toEqual({ name: 'uploads.after-move', hit: 1 });
    expect(parsePauseSpec('uploads.after-move#3')).toEqual({ name: 'uploads.after-move', hit: 3 });
    expect(() => parsePauseSpec('Uploads; rm -rf')).toThrow();
  });

  it('return at once unless this is the point and the hit asked for', async () => {
    configurePausePoints('x.y#2');
    await pausePoint('other'); // not the point
    await pausePoint('x.y'); // first hit: goes on
    let settled = false;
    void pausePoint('x.y').then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
  });
});
