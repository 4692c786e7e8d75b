import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { ErrorScreen } from '@/components/error-screen.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { formatDateTime } from '@/lib/format.ts';
import { useTRPC } from '@/lib/trpc/global.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';

/** A readable name for a user agent: browser and system are enough to recognise one's own devices. */
function deviceName(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /(Edg|Firefox|Chrome|Chromium|Safari)\/[\d.]+/.exec(userAgent)?.[1]?.replace('Edg', 'Edge');
  const system = /(Windows|Android|iPhone|iPad|Mac OS X|Linux)/.exec(userAgent)?.[1]?.replace('Mac OS X', 'macOS');
  return [browser, system].filter(Boolean).join(' · ') || userAgent.slice(0, 60);
}

/** The user's signed-in sessions, each with a way out; "sign out everywhere else" keeps only this one. */
export function SessionsCard() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
  const onError = (error: unknown) => toast(apiErrorMessage(t, error), 'error');
  const revoke = useMutation(trpc.account.revokeSession.mutationOptions({ onSuccess: () => (toast(t('security.revoked')), refresh()), onError }));
  const revokeOthers = useMutation(
    trpc.account.revokeOtherSessions.mutationOptions({
      onSuccess: ({ revoked }) => (toast(t('security.revokedOthers', { count: revoked })), refresh()),
      onError,
    }),
  );

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle>{t('security.sessionsTitle')}</CardTitle>
          <CardDescription>{t('security.sessionsDescription')}</CardDescription>
        </div>
        <Button variant="outline" loading={revokeOthers.isPending} disabled={(sessions.data?.length ?? 0) < 2} onClick={() => revokeOthers.mutate()}>
          {t('security.revokeOthers')}
        </Button>
      </CardHeader>
      <CardContent>
        {sessions.isPending ? (
          <PageSpinner />
        ) : sessions.isError ? (
          <ErrorScreen message={apiErrorMessage(t, sessions.error)} onRetry={() => void sessions.refetch()} />
        ) : (
          <Table data-testid="sessions">
            <TableHeader>
              <TableRow>
                <TableHead>{t('security.device')}</TableHead>
                <TableHead>{t('security.ip')}</TableHead>
                <TableHead>{t('security.created')}</TableHead>
                <TableHead>{t('security.lastSeen')}</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {sessions.data.map((session) => (
                <TableRow key={session.id}>
                  <TableCell title={session.userAgent ?? undefined}>{deviceName(session.userAgent) ?? t('security.unknownDevice')}</TableCell>
                  <TableCell>{session.ip ?? '—'}</TableCell>
                  <TableCell>{formatDateTime(session.createdAt, i18n.language)}</TableCell>
                  <TableCell>{formatDateTime(session.lastSeenAt, i18n.language)}</TableCell>
                  <TableCell className="text-right">
                    {session.current ? (
                      <Badge variant="secondary">{t('security.thisDevice')}</Badge>
                    ) : (
                      <Button
                        variant="ghost"
                        size="sm"
                        loading={revoke.isPending && revoke.variables?.id === session.id}
                        onClick={() => revoke.mutate({ id: session.id })}
                      >
                        {t('security.revoke')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
