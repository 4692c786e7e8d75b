import { RESERVED_SLUGS } from '@rsm/shared/schemas';

/** A readable address for a studio name: "Studio Lumière & Co" → "studio-lumiere-co". */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/g, '');
  if (base.length < 3 || RESERVED_SLUGS.includes(base)) return `studio-${base || 'new'}`.replace(/-+$/g, '');
  return base;
}
