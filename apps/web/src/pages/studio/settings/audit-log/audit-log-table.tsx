import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@rsm/shared/audit-schemas';
import { Badge } from '@/components/ui/badge.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { formatDateTime } from '@/lib/format.ts';
import { useCurrentStudio } from '../../studio-context.ts';

/** One line per entry; on a phone the details fold under the action instead of taking a column. */
export function AuditLogTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const actorName = (entry: AuditEntry) => (entry.actor ? (entry.actor.name ?? t('auditLog.formerMember')) : t('auditLog.system'));
  const detailsText = (entry: AuditEntry) => entry.details.map((d) => `${d.key}: ${d.value}`).join(' · ');

  return (
    <Table data-testid="audit-log-table">
      <TableHeader>
        <TableRow>
          <TableHead>{t('auditLog.when')}</TableHead>
          <TableHead>{t('auditLog.actor')}</TableHead>
          <TableHead>{t('auditLog.action')}</TableHead>
          <TableHead className="hidden md:table-cell">{t('auditLog.details')}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id}>
            <TableCell className="align-top whitespace-nowrap text-muted-foreground">{formatDateTime(entry.at, i18n.language, studio.timeZone)}</TableCell>
            <TableCell className="align-top">{actorName(entry)}</TableCell>
            <TableCell className="align-top">
              <Badge variant="secondary" className="font-mono">
                {entry.action}
              </Badge>
              <div className="mt-1 max-w-[16rem] text-xs break-words text-muted-foreground md:hidden">{detailsText(entry)}</div>
            </TableCell>
            <TableCell className="hidden max-w-md align-top text-xs break-words text-muted-foreground md:table-cell">{detailsText(entry)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
