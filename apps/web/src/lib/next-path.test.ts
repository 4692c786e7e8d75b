// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from './next-path.ts';

describe('safeNextPath', () => {
  it('keeps paths of this site', () => {
    expect(safeNextPath('/s/demo/settings/rooms?x=1')).toBe('/s/demo/settings/rooms?x=1');
  });

  it.each([null, '', 'https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)'])('refuses %s', (next) => {
    expect(safeNextPath(next)).toBeNull();
  });

  it('round-trips through the log-in address', () => {
    const next = '/s/demo/settings/members?tab=a&b=c';
    const query = new URLSearchParams(loginPathFor(next).split('?')[1]);
    expect(safeNextPath(query.get('next'))).toBe(next);
  });
});
