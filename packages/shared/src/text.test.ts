import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONTROL_CHARACTERS_MESSAGE, multilineText, text } from './text.ts';

const issues = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe('text()', () => {
  it.each([
    ['NUL', 'Ada\u0000Lovelace'],
    ['a lone CR', 'Visitor\rX-INJECTED:1'],
    ['LF', 'two\nlines'],
    ['tab', 'a\tb'],
    ['ESC', 'bold\u001b[1m'],
    ['DEL', 'rub\u007Fout'],
    ['a C1 control', 'next\u0085line'],
    ['a line separator', 'a\u2028b'],
  ])('refuses %s with the control-characters message', (_what, value) => {
    const result = text().max(200).safeParse(value);
    expect(result.success).toBe(false);
    expect(issues(result)).toContain(CONTROL_CHARACTERS_MESSAGE);
  });

  it('accepts and trims ordinary text, accents and emoji included', () => {
    expect(text().parse('  Studio Lumière 🎙️ — A/B  ')).toBe('Studio Lumière 🎙️ — A/B');
  });

  it('keeps working with min and max', () => {
    expect(issues(text().min(1, 'errors.required').safeParse('   '))).toEqual(['errors.required']);
    expect(issues(text().max(3, 'errors.too_long').safeParse('abcd'))).toEqual(['errors.too_long']);
  });

  it('accepts no string holding a control character (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 0x1f }), fc.string(), (a, code, b) => {
        const value = `x${a}${String.fromCharCode(code)}${b}x`;
        expect(text().safeParse(value).success).toBe(false);
      }),
    );
  });
});

describe('multilineText()', () => {
  it('keeps line feeds and tabs, stores CRLF as LF', () => {
    expect(multilineText().parse('first\r\nsecond\n\tindented')).toBe('first\nsecond\n\tindented');
  });

  it.each([
    ['a lone CR', 'line\rBEGIN:VEVENT'],
    ['NUL', 'note\u0000'],
    ['a form feed', 'page\fbreak'],
    ['DEL', 'x\u007F'],
  ])('refuses %s', (_what, value) => {
    expect(issues(multilineText().safeParse(value))).toContain(CONTROL_CHARACTERS_MESSAGE);
  });

  it('keeps leading spaces with trim: false', () => {
    expect(multilineText({ trim: false }).parse('  verse\r\n  chorus')).toBe('  verse\n  chorus');
  });
});
