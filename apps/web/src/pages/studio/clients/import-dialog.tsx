import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useTranslation } from 'react-i18next';
import { CircleCheck, Download, FileWarning } from 'lucide-react';
import { CLIENT_IMPORT_MAX_BYTES } from '@rsm/shared/clients-schemas';
import { FormError } from '@/components/form/form-error.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { downloadText } from '@/lib/download.ts';

type Report = RouterOutputs['clients']['import'];

/** Files saved by older Excel versions are Windows-1252, not UTF-8: decode as UTF-8 when valid, else as that. */
async function readCsv(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The problems as a CSV the user can open beside their file to fix it (line, column, problem). */
function problemsCsv(report: Report, headers: string[], column: (field: string) => string, message: (key: string) => string) {
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = report.errors.map((e) => [String(e.line), column(e.field), message(e.message)].map(cell).join(','));
  return { filename: 'import-problems.csv', mimeType: 'text/csv;charset=utf-8', content: `\uFEFF${headers.map(cell).join(',')}\r\n${lines.join('\r\n')}\r\n` };
}

/** Choose a CSV file → dry run (what would happen, every bad line) → import the valid lines. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const inputId = useId();
  const [csv, setCsv] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useMutation(trpc.clients.import.mutationOptions());

  const send = async (text: string, dryRun: boolean) => {
    setError(null);
    try {
      const result = await run.mutateAsync({ csv: text, dryRun });
      setReport(result);
      if (!dryRun) {
        await queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
        toast(t('clients.import.done', { created: result.created, updated: result.updated }));
      }
    } catch (failure) {
      // A body over the server's limit never reaches tRPC: say what it is rather than "network".
      const tooLarge = failure instanceof TRPCClientError && (failure.meta?.response as Response | undefined)?.status === 413;
      setError(tooLarge ? t('clients.import.tooLarge') : apiErrorMessage(t, failure));
    }
  };
  const choose = async (file: File | undefined) => {
    setReport(null);
    setCsv(null);
    if (!file) return;
    if (file.size > CLIENT_IMPORT_MAX_BYTES) return setError(t('clients.import.tooLarge'));
    const text = await readCsv(file);
    setCsv(text);
    await send(text, true);
  };
  const fieldLabel = (field: string) => (field ? t(`clients.import.columns.${field}`, { defaultValue: field }) : '—');

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-3xl">
        <DialogHeader>
          <DialogTitle>{t('clients.import.title')}</DialogTitle>
          <DialogDescription>{t('clients.import.description')}</DialogDescription>
        </DialogHeader>
        <div className="grid gap-2">
          <Label htmlFor={inputId}>{t('clients.import.file')}</Label>
          <Input id={inputId} type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void choose(e.target.files?.[0])} disabled={run.isPending} />
          <p className="text-xs text-muted-foreground">{t('clients.import.columnsHint')}</p>
        </div>
        <FormError message={error} />
        {report ? (
          <div className="grid gap-3" data-testid="import-report">
            <Alert variant={report.errors.length ? 'destructive' : 'default'}>
              {report.errors.length ? <FileWarning aria-hidden="true" /> : <CircleCheck aria-hidden="true" />}
              <AlertDescription>
                {report.committed
                  ? t('clients.import.committedSummary', {
                      created: report.created,
                      updated: report.updated,
                      companies: report.companiesCreated,
                      bad: new Set(report.errors.map((e) => e.line)).size,
                    })
                  : t('clients.import.dryRunSummary', {
                      lines: report.lineCount,
                      created: report.created,
                      updated: report.updated,
                      companies: report.companiesCreated,
                      bad: new Set(report.errors.map((e) => e.line)).size,
                    })}
              </AlertDescription>
            </Alert>
            {report.ignoredColumns.length ? (
              <p className="text-sm text-muted-foreground">{t('clients.import.ignored', { columns: report.ignoredColumns.join(', ') })}</p>
            ) : null}
            {report.errors.length ? (
              <Button
                variant="outline"
                size="sm"
                className="justify-self-start"
                onClick={() =>
                  downloadText(
                    problemsCsv(report, [t('clients.import.line'), t('clients.import.column'), t('clients.import.problem')], fieldLabel, (key) =>
                      t(key, { defaultValue: t('errors.invalid_value') }),
                    ),
                  )
                }
              >
                <Download aria-hidden="true" />
                {t('clients.import.downloadProblems')}
              </Button>
            ) : null}
            {report.errors.length ? (
              <div className="max-h-64 overflow-y-auto rounded-md border">
                <Table data-testid="import-errors">
                  <TableHeader>
                    <TableRow>
                      <TableHead>{t('clients.import.line')}</TableHead>
                      <TableHead>{t('clients.import.column')}</TableHead>
                      <TableHead>{t('clients.import.problem')}</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {report.errors.map((e) => (
                      <TableRow key={`${e.line}-${e.field}-${e.message}`}>
                        <TableCell className="tabular-nums">{e.line}</TableCell>
                        <TableCell>{fieldLabel(e.field)}</TableCell>
                        <TableCell>{t(e.message, { defaultValue: t('errors.invalid_value') })}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            ) : null}
          </div>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            {report?.committed ? t('common.close') : t('common.cancel')}
          </Button>
          {report && !report.committed && csv ? (
            <Button onClick={() => void send(csv, false)} loading={run.isPending} disabled={report.created + report.updated === 0}>
              {t('clients.import.confirm', { count: report.created + report.updated })}
            </Button>
          ) : null}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
