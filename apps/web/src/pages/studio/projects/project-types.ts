import type { RouterInputs, RouterOutputs } from '@/lib/trpc/types.ts';

export type BoardColumn = RouterOutputs['projects']['board'][number];
export type BoardCard = BoardColumn['cards'][number];
export type ProjectListItem = RouterOutputs['projects']['list']['items'][number];
export type ProjectDetail = RouterOutputs['projects']['get'];
export type ProjectListInput = RouterInputs['projects']['list'];
export type Track = RouterOutputs['tracks']['list'][number];
export type TrackDetail = RouterOutputs['tracks']['get'];
export type Credit = RouterOutputs['credits']['list'][number];
export type ProjectMember = BoardCard['members'][number];
