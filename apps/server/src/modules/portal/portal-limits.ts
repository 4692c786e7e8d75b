/**
 * Rate limits of the client portal (counted in the control database like every other limit). Keys carry
 * the studio id: a client of two studios has separate budgets, and one studio's traffic never locks
 * another's clients out. The e-mail key is counted whether or not the address is known, so the limit
 * itself reveals nothing.
 */
import type { RateRule } from '../../platform/security/rate-limit.ts';

export const PORTAL_LINK_LIMITS = (studioId: string, ip: string, email: string): RateRule[] => [
  { key: `portal-link:ip:${ip}`, limit: 20, windowSeconds: 15 * 60 },
  { key: `portal-link:account:${studioId}:${email}`, limit: 5, windowSeconds: 60 * 60 },
];

export const PORTAL_CONFIRM_LIMITS = (ip: string): RateRule[] => [{ key: `portal-confirm:ip:${ip}`, limit: 30, windowSeconds: 15 * 60 }];

export const PORTAL_PASSWORD_LIMITS = (studioId: string, ip: string, email: string): RateRule[] => [
  { key: `portal-login:ip:${ip}`, limit: 30, windowSeconds: 15 * 60 },
  { key: `portal-login:account:${studioId}:${email}`, limit: 10, windowSeconds: 15 * 60 },
];

/** Staff sending links from the client page: generous, but not a mail cannon. */
export const PORTAL_STAFF_LINK_LIMITS = (studioId: string, clientId: string): RateRule[] => [
  { key: `portal-link:staff:${studioId}:${clientId}`, limit: 10, windowSeconds: 60 * 60 },
];
