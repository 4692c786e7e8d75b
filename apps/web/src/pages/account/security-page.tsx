import { useTranslation } from 'react-i18next';
import { AccountLayout } from '@/components/account-layout.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { RequireUser } from '@/components/require-user.tsx';
import { SessionsCard } from './sessions-card.tsx';
import { TwoFactorCard } from './two-factor-card.tsx';

/** Account → Security: two-step verification and the devices signed in to the account. */
export function SecurityPage() {
  const { t } = useTranslation();
  return (
    <RequireUser>
      {({ user }) => (
        <AccountLayout user={user}>
          <PageHeader title={t('security.title')} description={t('security.description')} />
          <div className="grid gap-6">
            <TwoFactorCard />
            <SessionsCard />
          </div>
        </AccountLayout>
      )}
    </RequireUser>
  );
}
