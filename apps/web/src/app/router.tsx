import type { ComponentType } from 'react';
import { Navigate, createBrowserRouter, type RouteObject } from 'react-router';
import { hostStudioSlug } from './boot.ts';
import { RootLayout } from './root-layout.tsx';
import { RouteErrorPage } from '@/components/route-error-page.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { NotFoundPage } from '@/pages/not-found-page.tsx';
import { prefetchCalendar, prefetchDashboard, prefetchStudio } from './prefetch.ts';

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
      { index: true, loader: prefetchDashboard, lazy: lazyPage(() => import('@/pages/studio/dashboard/dashboard-page.tsx'), 'DashboardPage') },
      { path: 'calendar', loader: prefetchCalendar, lazy: lazyPage(() => import('@/pages/studio/calendar/calendar-page.tsx'), 'CalendarPage') },
      { path: 'clients', lazy: lazyPage(() => import('@/pages/studio/clients/clients-page.tsx'), 'ClientsPage') },
      { path: 'clients/:clientId', lazy: lazyPage(() => import('@/pages/studio/clients/client-detail-page.tsx'), 'ClientDetailPage') },
      { path: 'projects', lazy: lazyPage(() => import('@/pages/studio/projects/projects-page.tsx'), 'ProjectsPage') },
      { path: 'projects/:projectId', lazy: lazyPage(() => import('@/pages/studio/projects/project-detail-page.tsx'), 'ProjectDetailPage') },
      { path: 'projects/:projectId/tracks/:trackId', lazy: lazyPage(() => import('@/pages/studio/projects/track-page.tsx'), 'TrackPage') },
      { path: 'money', lazy: lazyPage(() => import('@/pages/studio/money/money-page.tsx'), 'MoneyPage') },
      { path: 'money/new', lazy: lazyPage(() => import('@/pages/studio/money/new-document-page.tsx'), 'NewDocumentPage') },
      { path: 'money/documents/:documentId', lazy: lazyPage(() => import('@/pages/studio/money/document-page.tsx'), 'DocumentPage') },
      { path: 'settings', element: <Navigate to="studio" replace /> },
      { path: 'settings/studio', lazy: lazyPage(() => import('@/pages/studio/settings/studio-settings-page.tsx'), 'StudioSettingsPage') },
      { path: 'settings/members', lazy: lazyPage(() => import('@/pages/studio/settings/members/members-page.tsx'), 'MembersPage') },
      { path: 'settings/rooms', lazy: lazyPage(() => import('@/pages/studio/settings/rooms/rooms-page.tsx'), 'RoomsPage') },
      { path: 'settings/engineers', lazy: lazyPage(() => import('@/pages/studio/settings/engineers/engineers-page.tsx'), 'EngineersPage') },
      { path: 'settings/gear', lazy: lazyPage(() => import('@/pages/studio/settings/gear/gear-page.tsx'), 'GearPage') },
      { path: 'settings/hours', lazy: lazyPage(() => import('@/pages/studio/settings/hours/hours-page.tsx'), 'HoursPage') },
      {
        path: 'settings/booking-page',
        lazy: lazyPage(() => import('@/pages/studio/settings/booking-page/booking-page-settings-page.tsx'), 'BookingPageSettingsPage'),
      },
      { path: 'settings/calendar-feeds', lazy: lazyPage(() => import('@/pages/studio/settings/calendar-feeds/calendar-feeds-page.tsx'), 'CalendarFeedsPage') },
      { path: 'settings/billing', lazy: lazyPage(() => import('@/pages/studio/settings/billing/billing-details-page.tsx'), 'BillingDetailsPage') },
      { path: 'settings/catalogue', lazy: lazyPage(() => import('@/pages/studio/settings/catalogue/catalogue-page.tsx'), 'CataloguePage') },
      { path: 'settings/payments', lazy: lazyPage(() => import('@/pages/studio/settings/payments/payments-settings-page.tsx'), 'PaymentsSettingsPage') },
      { path: 'money/exports', lazy: lazyPage(() => import('@/pages/studio/money-exports/exports-page.tsx'), 'MoneyExportsPage') },
      { path: 'settings/plan', lazy: lazyPage(() => import('@/pages/studio/settings/plan/plan-page.tsx'), 'PlanPage') },
      { path: 'settings/activity', lazy: lazyPage(() => import('@/pages/studio/settings/audit-log/audit-log-page.tsx'), 'AuditLogPage') },
    ],
  },
];

const studioLayout = lazyPage(() => import('@/pages/studio/studio-layout.tsx'), 'StudioLayout');

// On a studio sub-domain the studio owns `/`; otherwise it lives under `/s/:slug`
// and `/` is the marketing page.
const studioRoutes: RouteObject[] = hostStudioSlug
  ? [{ loader: prefetchStudio, lazy: studioLayout, children: studioPages }]
  : [
      { index: true, lazy: lazyPage(() => import('@/pages/landing/landing-page.tsx'), 'LandingPage') },
      { path: 's/:slug', loader: prefetchStudio, lazy: studioLayout, children: studioPages },
    ];

const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    HydrateFallback: PageSpinner,
    children: [
      ...studioRoutes,
      // A share link's page: public, outside the staff layout (path form and studio sub-domain).
      { path: hostStudioSlug ? 'share/:token' : 's/:slug/share/:token', lazy: lazyPage(() => import('@/pages/share/share-page.tsx'), 'SharePage') },
      // A quote's answer page, from the link in its e-mail: public, no account (path form and studio sub-domain).
      {
        path: hostStudioSlug ? 'quote/:token' : 's/:slug/quote/:token',
        lazy: lazyPage(() => import('@/pages/quote/quote-answer-page.tsx'), 'QuoteAnswerPage'),
      },
      // The studio's public booking page: no login, its own layout (path form and studio sub-domain).
      {
        path: hostStudioSlug ? 'book' : 's/:slug/book',
        lazy: lazyPage(() => import('@/pages/public-booking/public-booking-layout.tsx'), 'PublicBookingLayout'),
        children: [
          { index: true, lazy: lazyPage(() => import('@/pages/public-booking/booking-flow-page.tsx'), 'BookingFlowPage') },
          { path: 'confirm', lazy: lazyPage(() => import('@/pages/public-booking/confirm-page.tsx'), 'ConfirmPage') },
          { path: 'deposit', lazy: lazyPage(() => import('@/pages/public-booking/deposit-page.tsx'), 'DepositPage') },
        ],
      },
      // The studio's client portal: its own log-in and layout, outside the staff one (path form and studio sub-domain).
      {
        path: hostStudioSlug ? 'portal' : 's/:slug/portal',
        lazy: lazyPage(() => import('@/pages/portal/portal-layout.tsx'), 'PortalLayout'),
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, lazy: lazyPage(() => import('@/pages/portal/portal-home-page.tsx'), 'PortalHomePage') },
          { path: 'login', lazy: lazyPage(() => import('@/pages/portal/portal-login-page.tsx'), 'PortalLoginPage') },
          { path: 'sessions/:id', lazy: lazyPage(() => import('@/pages/portal/portal-session-page.tsx'), 'PortalSessionPage') },
          { path: 'profile', lazy: lazyPage(() => import('@/pages/portal/portal-profile-page.tsx'), 'PortalProfilePage') },
          { path: 'money', lazy: lazyPage(() => import('@/pages/portal/money/portal-money-page.tsx'), 'PortalMoneyPage') },
          { path: 'shared', lazy: lazyPage(() => import('@/pages/portal/shared/portal-shared-page.tsx'), 'PortalSharedPage') },
          { path: 'shared/:linkId', lazy: lazyPage(() => import('@/pages/portal/shared/portal-shared-item-page.tsx'), 'PortalSharedItemPage') },
        ],
      },
      { path: 'signup', lazy: lazyPage(() => import('@/pages/auth/signup-page.tsx'), 'SignUpPage') },
      { path: 'login', lazy: lazyPage(() => import('@/pages/auth/login-page.tsx'), 'LoginPage') },
      { path: 'forgot-password', lazy: lazyPage(() => import('@/pages/auth/forgot-password-page.tsx'), 'ForgotPasswordPage') },
      { path: 'reset-password', lazy: lazyPage(() => import('@/pages/auth/reset-password-page.tsx'), 'ResetPasswordPage') },
      { path: 'invite', lazy: lazyPage(() => import('@/pages/invite/invite-page.tsx'), 'InvitePage') },
      { path: 'account/security', lazy: lazyPage(() => import('@/pages/account/security-page.tsx'), 'SecurityPage') },
      { path: 'studios', lazy: lazyPage(() => import('@/pages/studios/studios-page.tsx'), 'StudiosPage') },
      { path: 'admin/outbox', lazy: lazyPage(() => import('@/pages/admin/outbox-page.tsx'), 'OutboxPage') },
      { path: 'admin/backups', lazy: lazyPage(() => import('@/pages/admin/backups-page.tsx'), 'BackupsPage') },
      { path: 'admin/studios', lazy: lazyPage(() => import('@/pages/admin/operator/studios-page.tsx'), 'OperatorStudiosPage') },
      { path: 'admin/studios/:studioId', lazy: lazyPage(() => import('@/pages/admin/operator/studio-page.tsx'), 'OperatorStudioPage') },
      { path: 'admin/metrics', lazy: lazyPage(() => import('@/pages/admin/operator/metrics-page.tsx'), 'OperatorMetricsPage') },
      { path: 'admin/audit', lazy: lazyPage(() => import('@/pages/admin/operator/audit-page.tsx'), 'OperatorAuditPage') },
      { path: '*', Component: NotFoundPage },
    ],
  },
];

export const router = createBrowserRouter(routes);
