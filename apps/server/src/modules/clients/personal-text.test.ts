import { describe, expect, it } from 'vitest';
import { ERASED_MARK, scrubIdentity } from './personal-text.ts';

const nina = { name: 'Nina Visitor', email: 'Nina.V@Example.test', phone: '+33 6 12 34 56 78' };

describe('scrubIdentity', () => {
  it('replaces the name, the e-mail whatever its case and the phone however it is spaced', () => {
    expect(scrubIdentity('NINA visitor — nina.v@example.test · +33612345678 / +33 6 12 34 56 78', nina)).toBe(
      `${ERASED_MARK} — ${ERASED_MARK} · ${ERASED_MARK} / ${ERASED_MARK}`,
    );
  });

  it('takes the name only as a whole word', () => {
    const al = { name: 'Al', email: '', phone: '' };
    expect(scrubIdentity('Al — Album mix with al', al)).toBe(`${ERASED_MARK} — Album mix with ${ERASED_MARK}`);
    expect(scrubIdentity('Zoé’s session', { name: 'Zoé', email: '', phone: '' })).toBe(`${ERASED_MARK}’s session`);
  });

  it('leaves text without the client alone, and treats regex characters in a name literally', () => {
    expect(scrubIdentity('Tracking day 2, room 12', nina)).toBe('Tracking day 2, room 12');
    expect(scrubIdentity('Session of A.B (band)', { name: 'A.B (band)', email: '', phone: '' })).toBe(`Session of ${ERASED_MARK}`);
    expect(scrubIdentity('Session of AxB (band)', { name: 'A.B', email: '', phone: '' })).toBe('Session of AxB (band)');
  });

  it('ignores too short a phone and empty fields', () => {
    expect(scrubIdentity('Room 1234', { name: '', email: '', phone: '1234' })).toBe('Room 1234');
  });
});
