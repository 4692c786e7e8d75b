import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage, hasAppCode } from '@/lib/trpc/errors.ts';

/** Owners only: require two-step verification of every member of the studio. */
export function TeamSecurityCard() {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const settings = useQuery(trpc.studioSecurity.get.queryOptions());
  const save = useMutation(
    trpc.studioSecurity.setTwoFactorRequired.mutationOptions({
      onSuccess: () => {
        setError(null);
        toast(t('security.teamSaved'));
        return queryClient.invalidateQueries({ queryKey: trpc.studioSecurity.get.queryKey() });
      },
      onError: setError,
    }),
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('security.teamTitle')}</CardTitle>
        <CardDescription>{t('security.teamDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <FormError message={error ? apiErrorMessage(t, error) : null} />
        {/* The owner must have it first (the server says so): offer the way there. */}
        {hasAppCode(error, 'TWO_FACTOR_REQUIRED') ? (
          <Link to="/account/security" className="text-sm underline underline-offset-4">
            {t('security.title')}
          </Link>
        ) : null}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4"
            checked={settings.data?.requireTwoFactor ?? false}
            disabled={!settings.data || save.isPending}
            onChange={(event) => save.mutate({ required: event.currentTarget.checked })}
          />
          {t('security.teamRequired')}
        </label>
      </CardContent>
    </Card>
  );
}
