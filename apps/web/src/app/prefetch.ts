/**
 * Route loaders that start a page's API calls as soon as the address is known, in parallel with the download
 * of the page's code, instead of one after the other as each component mounts (log-in check → studio → page
 * data). They only fill the query cache and return at once: the components read the same queries, and a
 * failed prefetch is simply asked again (and shown) by the component.
 */
import type { LoaderFunctionArgs } from 'react-router';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@/lib/trpc/app-router.ts';
import { globalApiClient } from '@/lib/trpc/global.ts';
import { studioQueryOptions } from '@/lib/trpc/studio.tsx';
import { calendarParamsFrom } from '@/pages/studio/calendar/use-calendar-params.ts';
import { sessionsListInputFor } from '@/pages/studio/calendar/calendar-query.ts';
import { hostStudioSlug } from './boot.ts';
import { queryClient } from './query-client.ts';

const globalApi = createTRPCOptionsProxy<AppRouter>({ client: globalApiClient, queryClient });

function ignore(): void {
  // The component asks again and shows the error: a prefetch has nobody to tell.
}

function studioApi({ params }: LoaderFunctionArgs) {
  const slug = hostStudioSlug ?? params.slug;
  return slug ? studioQueryOptions(slug, queryClient) : null;
}

/** Every studio page: who is logged in, and the studio. */
export function prefetchStudio(args: LoaderFunctionArgs): null {
  void queryClient.prefetchQuery(globalApi.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  const api = studioApi(args);
  if (api) void queryClient.prefetchQuery(api.studio.get.queryOptions());
  return null;
}

export function prefetchDashboard(args: LoaderFunctionArgs): null {
  const api = studioApi(args);
  if (!api) return null;
  void queryClient.prefetchQuery(api.dashboard.summary.queryOptions());
  void queryClient.prefetchQuery(api.dashboard.nextSteps.queryOptions());
  return null;
}

/** The rooms and the sessions of the days shown (which days depends on the studio's time zone). */
export function prefetchCalendar(args: LoaderFunctionArgs): null {
  const api = studioApi(args);
  if (!api) return null;
  void queryClient.prefetchQuery(api.booking.all.queryOptions());
  const search = new URL(args.request.url).searchParams;
  queryClient
    .fetchQuery(api.studio.get.queryOptions())
    .then(({ timeZone }) => {
      const { view, date } = calendarParamsFrom(search, timeZone);
      return queryClient.prefetchQuery(api.sessions.list.queryOptions(sessionsListInputFor(view, date, timeZone)));
    })
    .catch(ignore);
  return null;
}
