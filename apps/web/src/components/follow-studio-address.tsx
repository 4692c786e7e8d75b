import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { hostStudioSlug } from '@/app/boot.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';

/** This page's address under the studio's current slug (path form or sub-domain), or null when it is already there. */
export function addressUnderSlug(location: Pick<Location, 'pathname' | 'search' | 'hash' | 'protocol' | 'host'>, from: string, to: string): string | null {
  if (from === to) return null;
  const rest = `${location.search}${location.hash}`;
  if (hostStudioSlug === from && location.host.startsWith(`${from}.`)) return `${location.protocol}//${to}.${location.host.slice(from.length + 1)}${location.pathname}${rest}`;
  const prefix = `/s/${from}`;
  if (location.pathname === prefix || location.pathname.startsWith(`${prefix}/`)) return `/s/${to}${location.pathname.slice(prefix.length)}${rest}`;
  return null;
}

/**
 * A public page (booking, portal, share) opened under one of the studio's old addresses (ADR 0014): the
 * server already redirects page loads, this covers a page that was open, or reached in-app, during a
 * rename. It moves to the current address so what the visitor bookmarks or shares is current.
 */
export function FollowStudioAddress({ slug }: { slug: string }) {
  const trpc = useStudioTRPC();
  const address = useQuery({ ...trpc.publicStudio.address.queryOptions(), staleTime: Infinity, retry: false });
  const current = address.data?.slug;
  useEffect(() => {
    if (!current) return;
    const target = addressUnderSlug(window.location, slug, current);
    if (target) window.location.replace(target);
  }, [current, slug]);
  return null;
}
