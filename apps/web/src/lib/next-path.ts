/** Only same-site paths are followed after log-in, so a crafted link cannot send users elsewhere. */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  return next;
}

export function loginPathFor(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}
