import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Archive, ShieldAlert } from 'lucide-react';
import { AccountLayout } from '@/components/account-layout.tsx';
import { RequireUser } from '@/components/require-user.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { formatDateTime } from '@/lib/format.ts';
import { formatBytes } from '@/pages/studio/projects/audio/upload-format.ts';

/** As the operator API answers it (one shape, the server's). */
type ClusterStatus = NonNullable<RouterOutputs['operator']['backups']['cluster']>;
type OffsiteStatus = RouterOutputs['operator']['backups']['offsite'];

/** The copy of BACKUP_DIR off the machine, to the S3 store (ADR 0021). */
function OffsiteCopy({ offsite }: { offsite: OffsiteStatus }) {
  const { t, i18n } = useTranslation();
  const when = (at: string | null) => (at ? formatDateTime(at, i18n.language) : t('adminBackups.none'));
  if (!offsite.configured) return <p className="text-sm text-muted-foreground">{t('adminBackups.offsite.notConfigured')}</p>;
  return (
    <div className="grid gap-2 border-t pt-3" data-testid="offsite-copy">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-muted-foreground">{t('adminBackups.offsite.lastCopy')}</dt>
          <dd className="flex flex-wrap items-center gap-2">
            {when(offsite.lastSuccessAt)}
            {offsite.lastOk === null ? null : offsite.lastOk ? (
              <Badge variant="success">{t('adminBackups.ok')}</Badge>
            ) : (
              <Badge variant="destructive">{t('adminBackups.failed')}</Badge>
            )}
          </dd>
          {offsite.warning === 'stale' || offsite.warning === 'never' ? (
            <dd className="text-xs font-medium text-destructive">{t(`adminBackups.offsite.${offsite.warning}`)}</dd>
          ) : null}
        </div>
        <div className="sm:col-span-2">
          <dt className="text-muted-foreground">{t('adminBackups.offsite.where')}</dt>
          <dd className="break-all font-mono text-xs">{offsite.where}</dd>
        </div>
      </dl>
      {offsite.lastOk === false ? (
        <Alert variant="destructive">
          <AlertTitle>{t('adminBackups.offsite.failing', { at: when(offsite.lastRunAt) })}</AlertTitle>
          {offsite.lastError ? <AlertDescription className="break-all text-xs">{offsite.lastError}</AlertDescription> : null}
        </Alert>
      ) : null}
    </div>
  );
}

/** The embedded cluster's base backups and WAL archiving (ADR 0021), or where an external cluster's backups come from. */
function ClusterCard({ cluster, offsite, staleAfterHours }: { cluster: ClusterStatus | null; offsite: OffsiteStatus; staleAfterHours: number }) {
  const { t, i18n } = useTranslation();
  const when = (at: string | null) => (at ? formatDateTime(at, i18n.language) : t('adminBackups.none'));
  return (
    <Card className="grid gap-3 p-4">
      <div>
        <h2 className="font-medium">{t('adminBackups.cluster.title')}</h2>
        <p className="text-sm text-muted-foreground">{cluster ? t('adminBackups.cluster.description') : t('adminBackups.cluster.external')}</p>
      </div>
      {cluster ? (
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-muted-foreground">{t('adminBackups.cluster.lastBase')}</dt>
            <dd className="flex flex-wrap items-center gap-2">
              {when(cluster.lastRunAt)}
              {cluster.lastSizeBytes !== null ? <span className="text-muted-foreground">{formatBytes(cluster.lastSizeBytes, i18n.language)}</span> : null}
              {cluster.lastOk === null ? null : cluster.lastOk ? (
                <Badge variant="success">{t('adminBackups.ok')}</Badge>
              ) : (
                <Badge variant="destructive">{t('adminBackups.failed')}</Badge>
              )}
            </dd>
            {cluster.lastOk === false && cluster.lastError ? <dd className="text-xs text-destructive">{cluster.lastError}</dd> : null}
          </div>
          <div>
            <dt className="text-muted-foreground">{t('adminBackups.cluster.lastGoodBase')}</dt>
            <dd>{when(cluster.lastGoodAt)}</dd>
            {cluster.warning !== 'none' && !cluster.walFailing ? (
              <dd className="text-xs font-medium text-destructive">{t(`adminBackups.warning.${cluster.warning}`, { hours: staleAfterHours })}</dd>
            ) : null}
          </div>
          <div>
            <dt className="text-muted-foreground">{t('adminBackups.cluster.walArchived')}</dt>
            <dd>{when(cluster.walLastArchivedAt)}</dd>
          </div>
        </dl>
      ) : null}
      {cluster?.walFailing ? (
        <Alert variant="destructive">
          <AlertTitle>{t('adminBackups.cluster.walFailing', { at: when(cluster.walLastFailedAt) })}</AlertTitle>
        </Alert>
      ) : null}
      <OffsiteCopy offsite={offsite} />
    </Card>
  );
}

/** The operator's view of the scheduled studio backups (issue 13.1). */
export function BackupsPage() {
  const { t } = useTranslation();
  return (
    <RequireUser>
      {({ user }) => (
        <AccountLayout user={user}>
          <PageHeader title={t('adminBackups.title')} description={t('adminBackups.description')} />
          {user.isOperator ? <BackupList /> : <EmptyState icon={ShieldAlert} title={t('adminBackups.operatorsOnly')} />}
        </AccountLayout>
      )}
    </RequireUser>
  );
}

function BackupList() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const backups = useQuery(trpc.operator.backups.queryOptions());

  if (backups.isPending) {
    return (
      <div className="grid gap-2" role="status" aria-label={t('common.loading')}>
        {[0, 1, 2].map((row) => (
          <Skeleton key={row} className="h-12 w-full" />
        ))}
      </div>
    );
  }
  if (backups.isError) return <FormError message={apiErrorMessage(t, backups.error)} />;

  const { enabled, staleAfterHours, studios, cluster, offsite } = backups.data;
  const attention = studios.filter((s) => s.warning !== 'none');
  return (
    <div className="grid gap-4">
      {!enabled ? (
        <Alert variant="destructive">
          <AlertTitle>{t('adminBackups.off')}</AlertTitle>
        </Alert>
      ) : null}
      {attention.length > 0 ? (
        <Alert variant="destructive">
          <AlertTitle>{t('adminBackups.attention', { count: attention.length })}</AlertTitle>
          <AlertDescription>{t('adminBackups.attentionHelp', { hours: staleAfterHours })}</AlertDescription>
        </Alert>
      ) : null}
      {enabled ? <ClusterCard cluster={cluster} offsite={offsite} staleAfterHours={staleAfterHours} /> : null}
      {studios.length === 0 ? (
        <EmptyState icon={Archive} title={t('adminBackups.empty')} />
      ) : (
        <Card className="py-2">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="pl-4">{t('adminBackups.studio')}</TableHead>
                <TableHead>{t('adminBackups.lastRun')}</TableHead>
                <TableHead>{t('adminBackups.size')}</TableHead>
                <TableHead>{t('adminBackups.result')}</TableHead>
                <TableHead className="pr-4">{t('adminBackups.lastGood')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {studios.map((s) => (
                <TableRow key={s.studioId}>
                  <TableCell className="pl-4">
                    <div className="font-medium">{s.name}</div>
                    <div className="text-xs text-muted-foreground">{s.slug}</div>
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">
                    {s.lastRunAt ? formatDateTime(s.lastRunAt, i18n.language) : t('adminBackups.none')}
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">
                    {s.lastSizeBytes !== null ? formatBytes(s.lastSizeBytes, i18n.language) : '—'}
                    {s.lastEncrypted ? ` · ${t('adminBackups.encrypted')}` : ''}
                  </TableCell>
                  <TableCell>
                    {s.lastOk === null ? (
                      <span className="text-muted-foreground">—</span>
                    ) : s.lastOk ? (
                      <Badge variant="success">{t('adminBackups.ok')}</Badge>
                    ) : (
                      <div className="grid gap-1">
                        <Badge variant="destructive">{t('adminBackups.failed')}</Badge>
                        {s.lastError ? <span className="text-xs text-destructive">{s.lastError}</span> : null}
                      </div>
                    )}
                  </TableCell>
                  <TableCell className="pr-4">
                    <div className="whitespace-nowrap text-muted-foreground">
                      {s.lastGoodAt ? formatDateTime(s.lastGoodAt, i18n.language) : t('adminBackups.none')}
                    </div>
                    {s.warning !== 'none' ? (
                      <div className="text-xs font-medium text-destructive">{t(`adminBackups.warning.${s.warning}`, { hours: staleAfterHours })}</div>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </div>
  );
}
