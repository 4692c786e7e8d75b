/**
 * What the server tells the page before it starts (see "Page boot" in
 * docs/api-contract.md). On a studio sub-domain, `hostStudioSlug` names the
 * studio and studio routes live at `/`; the Vite dev server injects nothing.
 */
declare global {
  interface Window {
    __RSM__?: { hostStudioSlug?: string | null };
  }
}

export const hostStudioSlug: string | null = typeof window === 'undefined' ? null : (window.__RSM__?.hostStudioSlug ?? null);
