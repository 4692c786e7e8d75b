/**
 * A page's address under the studio's current slug (ADR 0014): the path form's `/s/<slug>` segment or the
 * studio sub-domain replaced, the rest (path, query, hash) kept. Null when the page is already there or
 * its address does not name `from`.
 */
export function addressUnderSlug(
  location: Pick<Location, 'pathname' | 'search' | 'hash' | 'protocol' | 'host'>,
  hostSlug: string | null,
  from: string,
  to: string,
): string | null {
  if (from === to) return null;
  const rest = `${location.search}${location.hash}`;
  if (hostSlug === from && location.host.startsWith(`${from}.`))
    return `${location.protocol}//${to}.${location.host.slice(from.length + 1)}${location.pathname}${rest}`;
  const prefix = `/s/${from}`;
  if (location.pathname === prefix || location.pathname.startsWith(`${prefix}/`)) return `/s/${to}${location.pathname.slice(prefix.length)}${rest}`;
  return null;
}
