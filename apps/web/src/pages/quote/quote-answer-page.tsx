/**
 * The page a quote e-mail links to (/s/:slug/quote/:token), outside the staff layout and with no account: the
 * quote as issued, its PDF, and the client's answer (accept by typing their full name, or decline). An unknown,
 * replaced or expired link gets a clear page; so does a link tried too often.
 */
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FileText } from 'lucide-react';
import { hostStudioSlug } from '@/app/boot.ts';
import { LanguageSwitch } from '@/components/language-switch.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { StudioTRPCProvider, useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage, hasAppCode } from '@/lib/trpc/errors.ts';
import { QuoteAnswerForm, QuoteAnswered } from './quote-answer-form.tsx';
import { QuoteSummary } from './quote-summary.tsx';

export function QuoteAnswerPage() {
  const { slug, token } = useParams();
  const studioSlug = slug ?? hostStudioSlug;
  if (!studioSlug || !token) return <InvalidLink />;
  return (
    <StudioTRPCProvider key={studioSlug} slug={studioSlug}>
      <QuoteScreen slug={studioSlug} token={token} />
    </StudioTRPCProvider>
  );
}

function QuoteScreen({ slug, token }: { slug: string; token: string }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const quote = useQuery(trpc.publicQuote.view.queryOptions({ token }, { retry: false, refetchOnWindowFocus: false }));
  // An unknown studio, a malformed token and an unknown one get the same answer.
  if (quote.error && hasAppCode(quote.error, 'TOKEN_INVALID', 'NOT_FOUND', 'BAD_REQUEST')) return <InvalidLink />;
  if (quote.error)
    return (
      <Frame>
        <FormError message={apiErrorMessage(t, quote.error)} />
      </Frame>
    );
  if (!quote.data) return <PageSpinner />;
  const q = quote.data;
  // Back from Stripe Checkout (the webhook records the payment; the page says what happened meanwhile).
  const payment = new URLSearchParams(window.location.search).get('payment');
  const returned = payment === 'paid' || payment === 'cancelled' ? payment : null;
  const pdfUrl = `/api/quote-pdf/${encodeURIComponent(slug)}/${encodeURIComponent(token)}`;
  return (
    <Frame studio={q.studio.name}>
      <div className="grid gap-6">
        <QuoteSummary quote={q} pdfUrl={pdfUrl} />
        {q.status === 'sent' ? (
          <QuoteAnswerForm token={token} onAnswered={() => void quote.refetch()} />
        ) : (
          <QuoteAnswered quote={q} token={token} returned={returned} />
        )}
      </div>
    </Frame>
  );
}

function Frame({ studio, children }: { studio?: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="flex items-center justify-between gap-4 border-b bg-background px-4 py-3 sm:px-8">
        <p className="truncate text-lg font-semibold" data-testid="quote-studio-name">
          {studio ?? ''}
        </p>
        <LanguageSwitch />
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}

function InvalidLink() {
  const { t } = useTranslation();
  return (
    <Frame>
      <Card data-testid="quote-invalid">
        <CardHeader>
          <CardTitle as="h1" className="flex items-center gap-2 text-xl">
            <FileText aria-hidden="true" className="size-5" />
            {t('quoteAnswer.invalidTitle')}
          </CardTitle>
          <CardDescription>{t('quoteAnswer.invalidDescription')}</CardDescription>
        </CardHeader>
      </Card>
    </Frame>
  );
}
