import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { hostStudioSlug } from '@/app/boot.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { addressUnderSlug } from '@/lib/studio-address.ts';

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
    const target = addressUnderSlug(window.location, hostStudioSlug, slug, current);
    if (target) window.location.replace(target);
  }, [current, slug]);
  return null;
}
