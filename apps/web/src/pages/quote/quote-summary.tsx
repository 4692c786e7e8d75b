/** The quote as issued: who, what, how much, until when, and the deposit asked; with a link to its PDF. */
import { useTranslation } from 'react-i18next';
import { Download } from 'lucide-react';
import { buttonVariants } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { formatDate } from '@/lib/format.ts';
import type { RouterOutputs } from '@/lib/trpc/types.ts';

export type PublicQuote = RouterOutputs['publicQuote']['view'];

/** Display only: every amount comes computed from the server (the issued document's totals). */
export function useMoneyFormat(currency: string) {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { style: 'currency', currency });
  return (cents: number) => format.format(cents / 100);
}

export function QuoteSummary({ quote, pdfUrl }: { quote: PublicQuote; pdfUrl: string }) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat(quote.currency);
  const date = (iso: string) => formatDate(`${iso}T12:00:00Z`, i18n.language, 'UTC');
  const deposit = quote.deposit;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl" data-testid="quote-number">
          {t('quoteAnswer.title', { number: quote.number })}
        </CardTitle>
        <CardDescription>
          {t('quoteAnswer.from', { studio: quote.studio.legalName || quote.studio.name, client: quote.buyerName })}
          {' · '}
          {t('quoteAnswer.issued', { date: date(quote.issueDate) })}
          {quote.validUntil ? ` · ${t('quoteAnswer.validUntil', { date: date(quote.validUntil) })}` : ''}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ul className="divide-y rounded-md border" aria-label={t('quoteAnswer.lines')}>
          {quote.lines.map((line, index) => (
            <li key={index} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-3 py-2">
              <span className="min-w-0 flex-1 break-words">{line.description}</span>
              <span className="text-sm text-muted-foreground">
                {t('quoteAnswer.quantity', {
                  quantity: Number(line.quantity).toLocaleString(i18n.language),
                  price: money(line.unitPriceCents),
                  rate: line.vatRate,
                })}
              </span>
              <span className="font-medium tabular-nums">{money(line.netCents)}</span>
            </li>
          ))}
        </ul>
        <dl className="ml-auto grid w-full max-w-xs grid-cols-2 gap-x-4 gap-y-1 text-sm">
          <dt>{t('quoteAnswer.net')}</dt>
          <dd className="text-right tabular-nums">{money(quote.totals.netCents)}</dd>
          {quote.vatBreakdown.map((v) => (
            <div key={v.vatRate} className="contents">
              <dt>{t('quoteAnswer.vat', { rate: v.vatRate })}</dt>
              <dd className="text-right tabular-nums">{money(v.vatCents)}</dd>
            </div>
          ))}
          <dt className="font-semibold">{t('quoteAnswer.gross')}</dt>
          <dd className="text-right font-semibold tabular-nums" data-testid="quote-gross">
            {money(quote.totals.grossCents)}
          </dd>
        </dl>
        {deposit ? (
          <p className="rounded-md bg-muted px-3 py-2 text-sm" data-testid="quote-deposit">
            {deposit.basisPoints !== null
              ? t('quoteAnswer.depositPercent', { percent: (deposit.basisPoints / 100).toLocaleString(i18n.language) })
              : t('quoteAnswer.depositAmount', { amount: money(deposit.cents ?? 0) })}
          </p>
        ) : null}
        {quote.notes ? <p className="whitespace-pre-line text-sm text-muted-foreground">{quote.notes}</p> : null}
        <a className={buttonVariants({ variant: 'outline', className: 'w-fit' })} href={pdfUrl} target="_blank" rel="noopener noreferrer">
          <Download aria-hidden="true" className="size-4" />
          {t('quoteAnswer.pdf')}
        </a>
      </CardContent>
    </Card>
  );
}
