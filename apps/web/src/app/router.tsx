import type { ComponentType } from 'react';
import { Navigate, createBrowserRouter, type RouteObject } from 'react-router';
import { hostStudioSlug } from './boot.ts';
import { RootLayout } from './root-layout.tsx';
import { RouteErrorPage } from '@/components/route-error-page.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { NotFoundPage } from '@/pages/not-found-page.tsx';

/** Route-level code splitting: each page is its own chunk, loaded on first visit. */
function lazyPage<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return async () => ({ Component: (await load())[name] });
}

const studioPages: RouteObject[] = [
  { path: 'onboarding', lazy: lazyPage(() => import('@/pages/studio/onboarding/onboarding-page.tsx'), 'OnboardingPage') },
  {
    lazy: lazyPage(() => import('@/pages/studio/shell/app-shell.tsx'), 'AppShell'),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, lazy: lazyPage(() => import('@/pages/studio/dashboard/dashboard-page.tsx'), 'DashboardPage') },
      { path: 'calendar', lazy: lazyPage(() => import('@/pages/studio/calendar/calendar-page.tsx'), 'CalendarPage') },
      { path: 'settings', element: <Navigate to="studio" replace /> },
      { path: 'settings/studio', lazy: lazyPage(() => import('@/pages/studio/settings/studio-settings-page.tsx'), 'StudioSettingsPage') },
      { path: 'settings/members', lazy: lazyPage(() => import('@/pages/studio/settings/members/members-page.tsx'), 'MembersPage') },
      { path: 'settings/rooms', lazy: lazyPage(() => import('@/pages/studio/settings/rooms/rooms-page.tsx'), 'RoomsPage') },
      { path: 'settings/engineers', lazy: lazyPage(() => import('@/pages/studio/settings/engineers/engineers-page.tsx'), 'EngineersPage') },
      { path: 'settings/gear', lazy: lazyPage(() => import('@/pages/studio/settings/gear/gear-page.tsx'), 'GearPage') },
      { path: 'settings/hours', lazy: lazyPage(() => import('@/pages/studio/settings/hours/hours-page.tsx'), 'HoursPage') },
      { path: 'settings/calendar-feeds', lazy: lazyPage(() => import('@/pages/studio/settings/calendar-feeds/calendar-feeds-page.tsx'), 'CalendarFeedsPage') },
    ],
  },
];

const studioLayout = lazyPage(() => import('@/pages/studio/studio-layout.tsx'), 'StudioLayout');

// On a studio sub-domain the studio owns `/`; otherwise it lives under `/s/:slug`
// and `/` is the marketing page.
const studioRoutes: RouteObject[] = hostStudioSlug
  ? [{ lazy: studioLayout, children: studioPages }]
  : [
      { index: true, lazy: lazyPage(() => import('@/pages/landing/landing-page.tsx'), 'LandingPage') },
      { path: 's/:slug', lazy: studioLayout, children: studioPages },
    ];

const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    HydrateFallback: PageSpinner,
    children: [
      ...studioRoutes,
      { path: 'signup', lazy: lazyPage(() => import('@/pages/auth/signup-page.tsx'), 'SignUpPage') },
      { path: 'login', lazy: lazyPage(() => import('@/pages/auth/login-page.tsx'), 'LoginPage') },
      { path: 'forgot-password', lazy: lazyPage(() => import('@/pages/auth/forgot-password-page.tsx'), 'ForgotPasswordPage') },
      { path: 'reset-password', lazy: lazyPage(() => import('@/pages/auth/reset-password-page.tsx'), 'ResetPasswordPage') },
      { path: 'invite', lazy: lazyPage(() => import('@/pages/invite/invite-page.tsx'), 'InvitePage') },
      { path: 'studios', lazy: lazyPage(() => import('@/pages/studios/studios-page.tsx'), 'StudiosPage') },
      { path: 'admin/outbox', lazy: lazyPage(() => import('@/pages/admin/outbox-page.tsx'), 'OutboxPage') },
      { path: '*', Component: NotFoundPage },
    ],
  },
];

export const router = createBrowserRouter(routes);
