import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './app-router.ts';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type Me = RouterOutputs['auth']['me'];
export type MyStudio = Me['studios'][number];
export type Studio = RouterOutputs['studio']['get'];
export type Room = RouterOutputs['rooms']['list'][number];
export type MembersList = RouterOutputs['members']['list'];
export type Member = MembersList['members'][number];
export type Invitation = MembersList['invitations'][number];
export type OutboxMail = RouterOutputs['operator']['outbox']['items'][number];
