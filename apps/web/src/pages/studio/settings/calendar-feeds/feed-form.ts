/** The new-feed form: what the feed shows (the whole studio, one room, one engineer) and its name. */
import { z } from 'zod';

export const FEED_SCOPES = ['studio', 'room', 'engineer'] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

export const feedFormSchema = z
  .object({ scope: z.enum(FEED_SCOPES), resourceId: z.string(), label: z.string().trim().max(80, 'errors.too_long') })
  .superRefine((values, ctx) => {
    if (values.scope !== 'studio' && !values.resourceId) ctx.addIssue({ code: 'custom', path: ['resourceId'], message: 'errors.required' });
  })
  .transform((values) => ({ scope: values.scope, resourceId: values.scope === 'studio' ? null : values.resourceId, label: values.label }));

export type FeedFormValues = z.input<typeof feedFormSchema>;

/**
 * Calendar apps subscribe through webcal:// (Apple Calendar and Outlook open it directly); the
 * address itself stays https.
 */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:\/\//, 'webcal://');
}

type Named = { id: string; name: string };

/** The name a feed goes by in the list: its label, else what it shows. `missing` when its room or engineer is gone. */
export function feedTitle(
  feed: { scope: FeedScope; resourceId: string | null; label: string },
  rooms: readonly Named[],
  engineers: readonly Named[],
): { label: string } | { scope: FeedScope; name: string | null } {
  if (feed.label) return { label: feed.label };
  if (feed.scope === 'studio') return { scope: 'studio', name: null };
  const list = feed.scope === 'room' ? rooms : engineers;
  return { scope: feed.scope, name: list.find((item) => item.id === feed.resourceId)?.name ?? null };
}
