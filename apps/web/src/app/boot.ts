/**
 * What the server tells the page before it starts (see "Page boot" in
 * docs/api-contract.md). On a studio sub-domain, `hostStudioSlug` names the
 * studio and studio routes live at `/`; the Vite dev server injects nothing.
 */
declare global {
  interface Window {
    __RSM__?: { hostStudioSlug?: string | null; styleNonce?: string | null };
  }
  // Read by get-nonce, through which Radix's scroll lock adds its <style> element.
  var __webpack_nonce__: string | undefined;
}

export const hostStudioSlug: string | null = typeof window === 'undefined' ? null : (window.__RSM__?.hostStudioSlug ?? null);

/**
 * The CSP nonce for <style> elements, when the server's policy uses one
 * (a nonce in style-src disables 'unsafe-inline', so Radix's injected styles
 * need it). Without it the page works, minus scroll locking under dialogs.
 */
export const styleNonce: string | undefined = typeof window === 'undefined' ? undefined : (window.__RSM__?.styleNonce ?? undefined);
if (styleNonce) globalThis.__webpack_nonce__ = styleNonce;
