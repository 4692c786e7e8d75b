import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PublicLayout, AuthCard } from '@/components/public-layout.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { useMe } from '@/lib/auth.ts';
import { safeNextPath } from '@/lib/navigation.ts';
import { LoginForm } from './login-form.tsx';
import { useHandedOffEmail } from '@/lib/auth-handoff.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = params.get('next');
  const me = useMe();
  const handedOffEmail = useHandedOffEmail();
  // Once this form logs in, it navigates itself; the redirect below is only for visitors who arrive logged in.
  const [loggingIn, setLoggingIn] = useState(false);

  if (me.isPending) return <PageSpinner />;
  if (me.data?.user && !loggingIn) return <Navigate to={safeNextPath(next) ?? '/studios'} replace />;

  return (
    <PublicLayout>
      <AuthCard
        title={t('login.title')}
        description={t('login.description')}
        footer={
          <>
            {t('login.noAccount')}{' '}
            <Link to="/signup" className="font-medium text-foreground underline-offset-4 hover:underline">
              {t('login.startTrial')}
            </Link>
          </>
        }
      >
        <LoginForm next={next} initialEmail={handedOffEmail} onLoggingIn={() => setLoggingIn(true)} />
      </AuthCard>
    </PublicLayout>
  );
}
