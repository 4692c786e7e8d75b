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
export type CalendarSession = RouterOutputs['sessions']['list'][number];
export type SessionDetail = RouterOutputs['sessions']['get'];
export type SessionQuote = RouterOutputs['sessions']['quote'];
export type SessionStatus = CalendarSession['status'];
export type BookingResources = RouterOutputs['booking']['all'];
export type BookingRoom = BookingResources['rooms'][number];
export type Engineer = BookingResources['engineers'][number];
export type GearItem = BookingResources['gear'][number];
export type BookingClient = BookingResources['clients'][number];
export type BillingDetails = RouterOutputs['money']['billingDetails']['get'];
export type VatRate = RouterOutputs['money']['vatRates']['list'][number];
export type CatalogueItem = RouterOutputs['money']['catalogue']['list'][number];
