import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { ErrorScreen } from '@/components/error-screen.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { formatDate } from '@/lib/format.ts';
import { useTRPC } from '@/lib/trpc/global.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { BackupCodes } from './backup-codes.tsx';
import { ProofForm, type Proof } from './proof-form.tsx';
import { TwoFactorEnrolment } from './two-factor-enrolment.tsx';

type Mode = 'idle' | 'enrol' | 'disable' | 'regenerate';

/** Account → Security: turn two-step verification on or off, and replace the backup codes. */
export function TwoFactorCard() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.account.twoFactorStatus.queryOptions());
  const disable = useMutation(trpc.account.disableTwoFactor.mutationOptions());
  const regenerate = useMutation(trpc.account.regenerateBackupCodes.mutationOptions());
  const [mode, setMode] = useState<Mode>('idle');
  const [freshCodes, setFreshCodes] = useState<string[] | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.twoFactorStatus.queryKey() });

  const onDisable = async (proof: Proof) => {
    await disable.mutateAsync(proof);
    setMode('idle');
    toast(t('security.disabled'));
    await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() })]);
  };
  const onRegenerate = async (proof: Proof) => {
    const result = await regenerate.mutateAsync(proof);
    setMode('idle');
    setFreshCodes(result.backupCodes);
    await refresh();
  };

  let body;
  if (status.isPending) body = <PageSpinner />;
  else if (status.isError) body = <ErrorScreen message={apiErrorMessage(t, status.error)} onRetry={() => void status.refetch()} />;
  else if (freshCodes) body = <BackupCodes codes={freshCodes} onDone={() => setFreshCodes(null)} />;
  else if (mode === 'enrol') body = <TwoFactorEnrolment onDone={() => setMode('idle')} />;
  else if (mode === 'disable') body = <ProofForm submitLabel={t('security.disable')} onProof={onDisable} onCancel={() => setMode('idle')} />;
  else if (mode === 'regenerate') body = <ProofForm submitLabel={t('security.regenerate')} onProof={onRegenerate} onCancel={() => setMode('idle')} />;
  else if (status.data.enabled) {
    body = (
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm" data-testid="two-factor-status">
          {t('security.twoFactorOn', { date: formatDate(status.data.enabledAt!, i18n.language), count: status.data.backupCodesLeft })}
        </p>
        <div className="flex gap-2">
          <Button variant="outline" onClick={() => setMode('regenerate')}>
            {t('security.regenerate')}
          </Button>
          <Button variant="destructive" onClick={() => setMode('disable')}>
            {t('security.disable')}
          </Button>
        </div>
      </div>
    );
  } else {
    body = (
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground" data-testid="two-factor-status">
          {t('security.twoFactorOff')}
        </p>
        <Button onClick={() => setMode('enrol')}>{t('security.enable')}</Button>
      </div>
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('security.twoFactorTitle')}</CardTitle>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
}
