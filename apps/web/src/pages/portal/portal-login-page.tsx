import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { KeyRound, MailCheck } from 'lucide-react';
import { portalPasswordLoginInput, portalRequestLinkInput } from '@rsm/shared/portal-schemas';
import { AuthCard } from '@/components/public-layout.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { applyApiError, apiErrorMessage, readApiError } from '@/lib/trpc/errors.ts';
import { useCurrentPortal } from './portal-context.ts';

/** `/portal/login`: ask for a link (or use a password); with `?token=` it is the page the mailed link opens. */
export function PortalLoginPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return <div className="flex justify-center">{token ? <ConfirmLink token={token} /> : <RequestLink />}</div>;
}

/**
 * Opening the link does nothing by itself (mail scanners open links too): the person presses the button,
 * whose POST consumes the link and opens the session.
 */
function ConfirmLink({ token }: { token: string }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { studio, pathTo } = useCurrentPortal();
  const confirm = useMutation(trpc.portal.confirmLink.mutationOptions());
  const failure = confirm.error ? readApiError(confirm.error) : null;
  const reason = failure?.appCode === 'TOKEN_INVALID' ? String(failure.params.reason ?? 'unknown') : null;

  const onConfirm = async () => {
    await confirm.mutateAsync({ token });
    await queryClient.invalidateQueries({ queryKey: trpc.portal.me.queryKey() });
    await navigate(pathTo(), { replace: true });
  };

  return (
    <AuthCard title={t('portal.confirm.title', { studio: studio.name })} description={t('portal.confirm.description')}>
      <div className="grid gap-4">
        {confirm.isError ? (
          <Alert variant="destructive">
            <AlertDescription>
              {reason ? t(`portal.confirm.invalid.${reason === 'used' || reason === 'expired' ? reason : 'unknown'}`) : apiErrorMessage(t, confirm.error)}
            </AlertDescription>
          </Alert>
        ) : null}
        {reason ? (
          <Button variant="outline" onClick={() => void navigate(pathTo('login'), { replace: true })}>
            {t('portal.confirm.newLink')}
          </Button>
        ) : (
          <Button size="lg" loading={confirm.isPending} onClick={() => void onConfirm().catch(() => undefined)}>
            <KeyRound aria-hidden="true" />
            {t('portal.confirm.button')}
          </Button>
        )}
      </div>
    </AuthCard>
  );
}

function RequestLink() {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const { studio } = useCurrentPortal();
  const [withPassword, setWithPassword] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const request = useMutation(trpc.portal.requestLink.mutationOptions());
  const form = useForm({ resolver: zodResolver(portalRequestLinkInput), defaultValues: { email: '' } });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await request.mutateAsync(values);
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['email'] }));
    }
  });

  if (withPassword) return <PasswordLogin onBack={() => setWithPassword(false)} />;
  return (
    <AuthCard title={t('portal.login.title', { studio: studio.name })} description={t('portal.login.description')}>
      {request.isSuccess ? (
        // The same words whether or not the address belongs to a client.
        <Alert variant="success">
          <MailCheck aria-hidden="true" />
          <AlertDescription>{t('portal.login.sent')}</AlertDescription>
        </Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <FormError message={formError} />
          <TextField
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            registration={form.register('email')}
            error={form.formState.errors.email?.message ? t(form.formState.errors.email.message) : undefined}
          />
          <Button type="submit" loading={form.formState.isSubmitting}>
            {t('portal.login.sendLink')}
          </Button>
          <Button type="button" variant="link" onClick={() => setWithPassword(true)}>
            {t('portal.login.usePassword')}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}

function PasswordLogin({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { studio, pathTo } = useCurrentPortal();
  const [formError, setFormError] = useState<string | null>(null);
  const login = useMutation(trpc.portal.loginWithPassword.mutationOptions());
  const form = useForm({ resolver: zodResolver(portalPasswordLoginInput), defaultValues: { email: '', password: '' } });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await login.mutateAsync(values);
      await queryClient.invalidateQueries({ queryKey: trpc.portal.me.queryKey() });
      await navigate(pathTo(), { replace: true });
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['email', 'password'] }));
    }
  });

  return (
    <AuthCard title={t('portal.login.passwordTitle', { studio: studio.name })} description={t('portal.login.passwordDescription')}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4">
        <FormError message={formError} />
        <TextField
          label={t('fields.email')}
          type="email"
          autoComplete="email"
          registration={form.register('email')}
          error={form.formState.errors.email?.message ? t(form.formState.errors.email.message) : undefined}
        />
        <TextField
          label={t('fields.password')}
          type="password"
          autoComplete="current-password"
          registration={form.register('password')}
          error={form.formState.errors.password ? t('errors.required') : undefined}
        />
        <Button type="submit" loading={form.formState.isSubmitting}>
          {t('portal.login.logIn')}
        </Button>
        <Button type="button" variant="link" onClick={onBack}>
          {t('portal.login.useLink')}
        </Button>
      </form>
    </AuthCard>
  );
}
