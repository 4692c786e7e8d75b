import type { RouterOutputs } from '@/lib/trpc/types.ts';

/** The review components take the comments API's shapes (the staff list and the share page answer the same). */
export type ReviewThread = RouterOutputs['comments']['list']['threads'][number];
export type ReviewComment = ReviewThread['replies'][number];

/** Who is looking: their own comments can be edited and deleted. */
export interface ReviewViewer {
  kind: 'staff' | 'client';
  id: string;
}

export type ThreadFilter = 'open' | 'resolved' | 'all';
