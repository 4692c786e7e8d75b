/** The frame of the operator console's pages: the account layout, the console's tabs, operators only. */
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ShieldAlert } from 'lucide-react';
import { AccountLayout } from '@/components/account-layout.tsx';
import { RequireUser } from '@/components/require-user.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { cn } from '@/lib/cn.ts';

const TABS = [
  { to: '/admin/studios', key: 'studios' },
  { to: '/admin/metrics', key: 'metrics' },
  { to: '/admin/audit', key: 'audit' },
] as const;

export function OperatorShell({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <RequireUser>
      {({ user }) => (
        <AccountLayout user={user}>
          <nav aria-label={t('operator.nav')} className="mb-4 flex flex-wrap gap-1 border-b">
            {TABS.map((tab) => (
              <NavLink
                key={tab.key}
                to={tab.to}
                className={({ isActive }) =>
                  cn(
                    '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
                    isActive ? 'border-primary text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground',
                  )
                }
              >
                {t(`operator.tabs.${tab.key}`)}
              </NavLink>
            ))}
          </nav>
          <PageHeader title={title} description={description} />
          {user.isOperator ? children : <EmptyState icon={ShieldAlert} title={t('operator.operatorsOnly')} />}
        </AccountLayout>
      )}
    </RequireUser>
  );
}

export function LoadingRows() {
  const { t } = useTranslation();
  return (
    <div className="grid gap-2" role="status" aria-label={t('common.loading')}>
      {[0, 1, 2, 3].map((row) => (
        <div key={row} className="h-12 w-full animate-pulse rounded-md bg-muted" />
      ))}
    </div>
  );
}
