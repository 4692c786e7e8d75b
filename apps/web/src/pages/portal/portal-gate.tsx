import type { ReactNode } from 'react';
import { NavLink, Navigate, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LogOut } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { ErrorScreen } from '@/components/error-screen.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage, hasAppCode } from '@/lib/trpc/errors.ts';
import { cn } from '@/lib/cn.ts';
import { useCurrentPortal, type PortalProfile } from './portal-context.ts';

/** Portal pages that need a logged-in client: the log-in page otherwise. Adds the portal's own navigation. */
export function PortalGate({ children }: { children: (me: PortalProfile) => ReactNode }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const { pathTo } = useCurrentPortal();
  const me = useQuery(trpc.portal.me.queryOptions(undefined, { retry: false }));
  if (me.isPending) return <PageSpinner />;
  if (me.isError) {
    if (hasAppCode(me.error, 'UNAUTHORIZED')) return <Navigate to={pathTo('login')} replace />;
    return <ErrorScreen message={apiErrorMessage(t, me.error)} onRetry={() => void me.refetch()} />;
  }
  return (
    <div className="grid gap-6">
      <PortalNav name={me.data.name} />
      {children(me.data)}
    </div>
  );
}

function PortalNav({ name }: { name: string }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { pathTo } = useCurrentPortal();
  const logout = useMutation(trpc.portal.logout.mutationOptions());
  const onLogout = async () => {
    await logout.mutateAsync();
    queryClient.removeQueries({ queryKey: trpc.portal.pathKey() });
    await navigate(pathTo('login'), { replace: true });
  };
  const link = ({ isActive }: { isActive: boolean }) =>
    cn('rounded-md px-3 py-2 text-sm font-medium', isActive ? 'bg-background shadow-sm' : 'text-muted-foreground hover:text-foreground');
  return (
    <nav aria-label={t('portal.nav.label')} className="flex flex-wrap items-center justify-between gap-2">
      <div className="flex gap-1 rounded-lg bg-muted p-1">
        <NavLink to={pathTo()} end className={link}>
          {t('portal.nav.sessions')}
        </NavLink>
        <NavLink to={pathTo('money')} className={link}>
          {t('portalMoney.nav')}
        </NavLink>
        <NavLink to={pathTo('shared')} className={link}>
          {t('sharing.portal.title')}
        </NavLink>
        <NavLink to={pathTo('profile')} className={link}>
          {t('portal.nav.profile')}
        </NavLink>
      </div>
      <div className="flex items-center gap-2 text-sm text-muted-foreground">
        <span className="hidden sm:inline">{t('portal.nav.signedInAs', { name })}</span>
        <Button variant="ghost" size="sm" loading={logout.isPending} onClick={() => void onLogout()}>
          <LogOut aria-hidden="true" />
          {t('portal.nav.logout')}
        </Button>
      </div>
    </nav>
  );
}
