/**
 * Money → Exports: what the studio hands its accountant for a period — the invoices and credit notes, the
 * payments, the VAT by rate (CSV, with the separator and decimal mark their spreadsheet expects) and the issued
 * PDFs in one ZIP. Owners and managers only; the files come from authenticated HTTP routes (exports.routes.ts).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Download } from 'lucide-react';
import { PageHeader } from '@/components/page-header.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { buttonVariants } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { studioHref } from '@/lib/studio-url.ts';
import { useCurrentStudio } from '../studio-context.ts';

/** Each export: its text's key, and the file the server makes (name and extension). */
const FILES = [
  { key: 'documents', name: 'documents', ext: 'csv' },
  { key: 'payments', name: 'payments', ext: 'csv' },
  { key: 'vat', name: 'vat-summary', ext: 'csv' },
  { key: 'pdfs', name: 'documents', ext: 'zip' },
] as const;

/** The previous calendar month: what an accountant asks for most. */
function lastMonth(today = new Date()): { from: string; to: string } {
  const first = new Date(Date.UTC(today.getFullYear(), today.getMonth() - 1, 1));
  const last = new Date(Date.UTC(today.getFullYear(), today.getMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

export function MoneyExportsPage() {
  const { t } = useTranslation();
  const { studio, can } = useCurrentStudio();
  const [period, setPeriod] = useState(lastMonth);
  const [separator, setSeparator] = useState<'comma' | 'semicolon'>('comma');
  const [decimalComma, setDecimalComma] = useState(false);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(period.from) && /^\d{4}-\d{2}-\d{2}$/.test(period.to) && period.from <= period.to;
  const url = (file: string) => {
    const query = new URLSearchParams({ from: period.from, to: period.to, separator, decimalComma: String(decimalComma) });
    return `${studioHref(studio.slug, `api/money/exports/${file}`).href}?${query.toString()}`;
  };

  return (
    <>
      <PageHeader title={t('moneyExports.title')} description={t('moneyExports.description')} />
      {!can('money:manage') ? (
        <Alert>
          <AlertDescription>{t('moneyExports.notAllowed')}</AlertDescription>
        </Alert>
      ) : (
        <div className="grid gap-6">
          <Card>
            <CardHeader>
              <CardTitle as="h2" className="text-lg">
                {t('moneyExports.period')}
              </CardTitle>
              <CardDescription>{t('moneyExports.periodHint')}</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              <div className="grid gap-4 sm:grid-cols-2">
                <div className="grid gap-2">
                  <Label htmlFor="exports-from">{t('moneyExports.from')}</Label>
                  <Input id="exports-from" type="date" value={period.from} onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))} />
                </div>
                <div className="grid gap-2">
                  <Label htmlFor="exports-to">{t('moneyExports.to')}</Label>
                  <Input id="exports-to" type="date" value={period.to} onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))} />
                </div>
              </div>
              {!valid ? <p className="text-sm text-destructive">{t('moneyExports.periodInvalid')}</p> : null}
              <fieldset className="grid gap-2">
                <legend className="mb-1 text-sm font-medium">{t('moneyExports.separator')}</legend>
                {(['comma', 'semicolon'] as const).map((value) => (
                  <label key={value} className="flex items-center gap-2 text-sm">
                    <input type="radio" name="exports-separator" value={value} checked={separator === value} onChange={() => setSeparator(value)} />
                    {t(`moneyExports.separators.${value}`)}
                  </label>
                ))}
              </fieldset>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={decimalComma} onChange={(e) => setDecimalComma(e.target.checked)} />
                {t('moneyExports.decimalComma')}
              </label>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle as="h2" className="text-lg">
                {t('moneyExports.files')}
              </CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3">
              {FILES.map(({ key, name, ext }) => (
                <div key={key} className="flex flex-wrap items-center justify-between gap-3">
                  <div className="min-w-0">
                    <p className="font-medium">{t(`moneyExports.file.${key}.title`)}</p>
                    <p className="text-sm text-muted-foreground">{t(`moneyExports.file.${key}.description`)}</p>
                  </div>
                  <a
                    className={buttonVariants({ variant: 'outline', className: valid ? '' : 'pointer-events-none opacity-50' })}
                    href={valid ? url(`${name}.${ext}`) : undefined}
                    aria-disabled={!valid}
                    download
                    data-testid={`export-${key}`}
                  >
                    <Download aria-hidden="true" className="size-4" />
                    {t('moneyExports.download')}
                  </a>
                </div>
              ))}
            </CardContent>
          </Card>
        </div>
      )}
    </>
  );
}
