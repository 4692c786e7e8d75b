import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PublicLayout, AuthCard } from '@/components/public-layout.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { LoginForm } from '@/pages/auth/login-form.tsx';
import { NewAccountForm } from './new-account-form.tsx';
import { useAcceptInvitation } from './use-accept-invitation.ts';

export function InvitePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const preview = useQuery(trpc.invitations.preview.queryOptions({ token }, { enabled: token.length > 0, retry: false }));

  if (!token || preview.isError) {
    return (
      <PublicLayout>
        <AuthCard
          title={t('invite.invalidTitle')}
          footer={
            <Link to="/" className="underline-offset-4 hover:underline">
              {t('notFound.home')}
            </Link>
          }
        >
          <FormError message={token ? apiErrorMessage(t, preview.error) : t('errors.codes.TOKEN_INVALID')} />
        </AuthCard>
      </PublicLayout>
    );
  }

  if (preview.isPending) {
    return (
      <PublicLayout>
        <AuthCard title={<Skeleton className="h-6 w-48" />}>
          <div className="grid gap-3" role="status" aria-label={t('common.loading')}>
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-9 w-full" />
          </div>
        </AuthCard>
      </PublicLayout>
    );
  }

  const invitation = preview.data;
  const role = t(`roles.${invitation.role}`);
  return (
    <PublicLayout>
      <AuthCard title={t('invite.title', { studio: invitation.studioName })} description={t('invite.description', { role, email: invitation.email })}>
        {!invitation.accountExists ? (
          <NewAccountForm token={token} email={invitation.email} />
        ) : invitation.signedInAsInvitee ? (
          <AcceptButton token={token} />
        ) : (
          <div className="grid gap-4">
            <p className="text-sm text-muted-foreground">{t('invite.logInToAccept', { email: invitation.email })}</p>
            <LoginWithAccept token={token} email={invitation.email} />
          </div>
        )}
      </AuthCard>
    </PublicLayout>
  );
}

function AcceptButton({ token }: { token: string }) {
  const { t } = useTranslation();
  const acceptInvitation = useAcceptInvitation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      await acceptInvitation({ token });
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
      setBusy(false);
    }
  };
  return (
    <div className="grid gap-4">
      <FormError message={error} />
      <Button onClick={() => void accept()} loading={busy}>
        {t('invite.accept')}
      </Button>
    </div>
  );
}

/** An account exists but another (or no) user is logged in: log in as the invitee, then accept. */
function LoginWithAccept({ token, email }: { token: string; email: string }) {
  const acceptInvitation = useAcceptInvitation();
  return <LoginForm next={null} fixedEmail={email} onLoggedIn={() => acceptInvitation({ token })} />;
}
