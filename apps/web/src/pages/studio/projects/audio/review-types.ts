/** Shapes the review components take (the staff API's and the share page's answers both fit). */
export interface ReviewComment {
  id: string;
  parentId: string | null;
  author: { kind: 'staff' | 'client'; id: string; name: string };
  body: string;
  atMs: number;
  endMs: number | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  resolvedAt: string | null;
  resolvedByName: string | null;
}

export interface ReviewThread extends ReviewComment {
  replies: ReviewComment[];
}

/** Who is looking: their own comments can be edited and deleted. */
export interface ReviewViewer {
  kind: 'staff' | 'client';
  id: string;
}

export type ThreadFilter = 'open' | 'resolved' | 'all';
