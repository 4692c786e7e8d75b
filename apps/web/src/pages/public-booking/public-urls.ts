/** Addresses of a studio's public booking page and its logo, in the path or the sub-domain form. */
import { studioHref } from '@/lib/studio-url.ts';

export const publicBookingPath = (slug: string, subPath = '') => studioHref(slug, `book${subPath ? `/${subPath}` : ''}`).href;

/** The absolute address to share (path form on the main domain, `/book` on the studio's sub-domain). */
export function publicBookingAddress(slug: string): string {
  return new URL(publicBookingPath(slug), window.location.origin).toString();
}

export const publicLogoUrl = (slug: string, version: number) => `${studioHref(slug, 'public/logo').href}?v=${version}`;
