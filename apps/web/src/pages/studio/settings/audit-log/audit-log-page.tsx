import { useState } from 'react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Download, History } from 'lucide-react';
import { AUDIT_PAGE_SIZE } from '@rsm/shared/audit-schemas';
import { PageHeader } from '@/components/page-header.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';
import { downloadText } from '@/lib/download.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../../studio-context.ts';
import { NO_FILTERS, toApiFilters, type AuditFilterForm } from './audit-filters.ts';
import { AuditLogFilters } from './audit-log-filters.tsx';
import { AuditLogTable } from './audit-log-table.tsx';

export function AuditLogPage() {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  return (
    <>
      <PageHeader title={t('auditLog.title')} description={t('auditLog.description')} />
      {can('audit:read') ? (
        <AuditLog />
      ) : (
        <Alert>
          <AlertDescription>{t('auditLog.notAllowed')}</AlertDescription>
        </Alert>
      )}
    </>
  );
}

function AuditLog() {
  const { t } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const toast = useToast();
  const [form, setForm] = useState<AuditFilterForm>(NO_FILTERS);
  // Typing an action should not fire a request per key.
  const filters = toApiFilters(useDebouncedValue(form, 300), studio.timeZone);
  const log = useInfiniteQuery(trpc.audit.list.infiniteQueryOptions({ ...filters, limit: AUDIT_PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor }));
  const exportCsv = useMutation(trpc.audit.exportCsv.mutationOptions());

  const download = async () => {
    try {
      downloadText(await exportCsv.mutateAsync(filters));
      toast(t('auditLog.exported'));
    } catch (error) {
      toast(apiErrorMessage(t, error), 'error');
    }
  };

  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="grid gap-4">
      <Card>
        <CardContent className="grid gap-4">
          <AuditLogFilters value={form} onChange={setForm} />
          <div className="flex justify-end">
            <Button variant="outline" onClick={() => void download()} loading={exportCsv.isPending}>
              <Download aria-hidden="true" />
              {t('auditLog.export')}
            </Button>
          </div>
        </CardContent>
      </Card>
      {log.isPending ? (
        <div className="grid gap-2" role="status" aria-label={t('common.loading')}>
          {[0, 1, 2, 3].map((row) => (
            <Skeleton key={row} className="h-10 w-full" />
          ))}
        </div>
      ) : log.isError ? (
        <FormError message={apiErrorMessage(t, log.error)} />
      ) : entries.length === 0 ? (
        <EmptyState icon={History} title={t('auditLog.empty')} />
      ) : (
        <Card className="py-2">
          <AuditLogTable entries={entries} />
        </Card>
      )}
      {log.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('auditLog.loadMore')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
