import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RESERVED_SLUGS, slugSchema } from '@rsm/shared/schemas';
import { slugify } from './slug.ts';

/** A slug is usable when the schema accepts it unchanged (no trimming or lower-casing needed). */
function expectUsable(slug: string, from: string): void {
  const parsed = slugSchema.safeParse(slug);
  expect(parsed.success, `${JSON.stringify(from)} → ${JSON.stringify(slug)}: ${parsed.error?.message}`).toBe(true);
  expect(parsed.data).toBe(slug);
}

describe('slugify', () => {
  it.each([
    ['Studio Lumière & Co', 'studio-lumiere-co'],
    ['Studio Échos & Co', 'studio-echos-co'],
    ['  Les Studios Ça Va  ', 'les-studios-ca-va'],
    ['Straße 42', 'stra-e-42'],
    ['Ｆｕｌｌｗｉｄｔｈ Ｓｔｕｄｉｏ', 'fullwidth-studio'],
    ['ﬁne ﬂoor', 'fine-floor'],
    ['Abbey Road!!!', 'abbey-road'],
    ['A--B__C', 'a-b-c'],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it.each([
    ['a reserved word', 'Admin', 'studio-admin'],
    ['another reserved word', 'www', 'studio-www'],
    ['a one-letter name', 'Z', 'studio-z'],
    ['a two-letter name', 'AB', 'studio-ab'],
    ['symbols only', '★☆★', 'studio-new'],
    ['an empty name', '', 'studio-new'],
    ['emoji', '🎙️🎧', 'studio-new'],
    ['CJK', '録音スタジオ', 'studio-new'],
  ])('makes %s usable: %j → %j', (_what, name, slug) => {
    expect(slugify(name)).toBe(slug);
    expectUsable(slugify(name), name);
  });

  it('cuts long names at a word boundary without a trailing hyphen', () => {
    const slug = slugify('The Extraordinarily Long Named Recording Studio Of Paris');
    expect(slug.length).toBeLessThanOrEqual(32);
    expect(slug).not.toMatch(/-$/);
    expect('the-extraordinarily-long-named-recording'.startsWith(slug)).toBe(true);
  });

  it('never produces a reserved slug', () => {
    for (const reserved of RESERVED_SLUGS) {
      for (const name of [reserved, reserved.toUpperCase(), ` ${reserved}! `]) expect(RESERVED_SLUGS).not.toContain(slugify(name));
    }
  });

  it('always produces a usable slug, leaving room for a "-N" suffix (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.stringMatching(/^[ A-Za-zÀ-ÿ0-9&'!-]{0,60}$/)),
        (name) => {
          const slug = slugify(name);
          expectUsable(slug, name);
          expect(slug.length).toBeLessThanOrEqual(32);
          expectUsable(`${slug}-10`, name);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        const once = slugify(name);
        expect(slugify(once)).toBe(once);
      }),
    );
  });
});
