import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DRAFT_KINDS } from '@rsm/shared/money-documents-schemas';
import { PageHeader } from '@/components/page-header.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { formatDateTime } from '@/lib/format.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { BillableSession } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { DocumentEditor, type DraftKind } from './editor/document-editor.tsx';
import { emptyInitial, sessionLine, type EditorInitial } from './editor/editor-state.ts';
import { useMoneyFormat } from './money-format.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A new quote or invoice. `?clientId=` starts it for a client (client page), `?sessions=a,b` with those sessions
 * (calendar's "Invoice this session"), `?projectId=` with the project's sessions not yet invoiced.
 */
export function NewDocumentPage() {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const { studio } = useCurrentStudio();
  const format = useMoneyFormat();
  const [params, setParams] = useSearchParams();
  const rawKind = params.get('kind') ?? 'invoice';
  const kind: DraftKind = (DRAFT_KINDS as readonly string[]).includes(rawKind) ? (rawKind as DraftKind) : 'invoice';
  const clientId = UUID.test(params.get('clientId') ?? '') ? params.get('clientId')! : null;
  const projectId = UUID.test(params.get('projectId') ?? '') ? params.get('projectId')! : null;
  const sessionIds = (params.get('sessions') ?? '').split(',').filter((id) => UUID.test(id));

  const catalogue = useQuery(trpc.money.catalogue.list.queryOptions({ includeArchived: true }));
  const rates = useQuery(trpc.money.vatRates.list.queryOptions({ includeArchived: true }));
  const client = useQuery({ ...trpc.clients.get.queryOptions({ id: clientId ?? '' }), enabled: clientId !== null });
  const sessionsInput = projectId ? { projectId } : { sessionIds };
  const sessions = useQuery({ ...trpc.money.documents.billableSessions.queryOptions(sessionsInput), enabled: projectId !== null || sessionIds.length > 0 });

  const failed = [catalogue, rates, client, sessions].find((q) => q.isError);
  const waiting =
    catalogue.isPending || rates.isPending || (clientId !== null && client.isPending) || ((projectId !== null || sessionIds.length > 0) && sessions.isPending);
  const title = t(`money.editor.newTitle.${kind}`);
  if (failed) {
    return (
      <>
        <PageHeader title={title} />
        <FormError message={apiErrorMessage(t, failed.error)} />
      </>
    );
  }
  if (waiting || !catalogue.data || !rates.data) return <PageSpinner />;

  let initial: EditorInitial = emptyInitial(kind, client.data ? { id: client.data.client.id, name: client.data.client.name } : null);
  const unbilled: BillableSession[] = (sessions.data ?? []).filter((s) => !s.invoicedOn);
  if (unbilled.length > 0) {
    // One invoice is for one client: the first session's (a project's sessions normally share it).
    const first = unbilled[0]!;
    const defaultRateId = rates.data.find((r) => r.isDefault)?.id ?? '';
    const lines = unbilled
      .filter((s) => s.clientId === first.clientId)
      .reverse()
      .map((s) => sessionLine(s, defaultRateId, format.currency, i18n.language, formatDateTime(s.startsAt, i18n.language, studio.timeZone)));
    // Deposits paid when these sessions were booked: the invoice becomes the final invoice that deducts them
    // (their amounts are read with the deductible deposits, DepositsToDeduct).
    const deposits = unbilled.filter((s) => s.clientId === first.clientId && s.depositInvoiceId).map((s) => ({ id: s.depositInvoiceId!, amountCents: 0 }));
    // Only when no kind was asked for ("Invoice this session / project" ask none): a kind chosen is kept.
    const final = deposits.length > 0 && (params.get('kind') === null || kind === 'final_invoice');
    initial = {
      ...initial,
      kind: final ? 'final_invoice' : initial.kind,
      client: { id: first.clientId, name: first.clientName },
      projectId,
      lines,
      deductions: final ? deposits : [],
    };
  }
  const alreadyBilled = (sessions.data ?? []).filter((s) => s.invoicedOn);
  return (
    <>
      <PageHeader title={t(`money.editor.newTitle.${initial.kind}`)} />
      {alreadyBilled.length > 0 ? (
        <p className="mb-4 rounded-md border px-3 py-2 text-sm text-muted-foreground" role="note">
          {t('money.editor.alreadyInvoiced', {
            count: alreadyBilled.length,
            numbers: alreadyBilled.map((s) => s.invoicedOn?.number ?? t('money.draftNumber')).join(', '),
          })}
        </p>
      ) : null}
      <DocumentEditor
        documentId={null}
        initial={initial}
        catalogue={catalogue.data}
        rates={rates.data}
        onKindChange={(next) =>
          setParams(
            (current) => {
              current.set('kind', next);
              return current;
            },
            { replace: true },
          )
        }
      />
    </>
  );
}
