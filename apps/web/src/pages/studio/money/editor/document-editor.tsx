import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ClientCombobox, type PickedClient } from '@/components/client-combobox.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { inputClassName } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { formatDateTime } from '@/lib/format.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { CatalogueItem, VatRate } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { useMoneyFormat } from '../money-format.ts';
import { AddLines } from './add-lines.tsx';
import { DepositsToDeduct } from './deposits-to-deduct.tsx';
import { DocumentFields } from './document-fields.tsx';
import { EditorLineRow } from './editor-line-row.tsx';
import { lineProblems, liveTotals, parseDiscount, toLineInputs, type EditorLine } from './editor-model.ts';
import { catalogueLine, freeLine, sessionLine, type EditorInitial } from './editor-state.ts';
import { EditorTotals } from './editor-totals.tsx';

export type DraftKind = 'quote' | 'invoice' | 'deposit_invoice' | 'final_invoice';
const INVOICE_KINDS = ['invoice', 'deposit_invoice', 'final_invoice'] as const;

/** A new document or a draft: client, lines, discount, dates and notes, live totals; save, delete, issue. */
export function DocumentEditor({
  documentId,
  initial,
  catalogue,
  rates,
  onKindChange,
}: {
  documentId: string | null;
  initial: EditorInitial;
  catalogue: CatalogueItem[];
  rates: VatRate[];
  /** A new invoice may still become a deposit or a final invoice (the page's title follows). */
  onKindChange?: (kind: DraftKind) => void;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const { pathTo, studio } = useCurrentStudio();
  const format = useMoneyFormat();
  const [state, setState] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'issue' | 'delete' | null>(null);
  const defaultRateId = rates.find((r) => r.isDefault)?.id ?? rates[0]?.id ?? '';
  const basis = new Map(rates.map((r) => [r.id, r.basisPoints]));
  const lookup = { basisPointsOf: (id: string) => basis.get(id) ?? null };
  const discount = parseDiscount(state.discountKind, state.discountText, format.currency);
  const live = liveTotals(state.lines, discount, format.currency, lookup);
  const isQuote = state.kind === 'quote';
  const deposit = isQuote ? parseDiscount(state.depositKind, state.depositText, format.currency) : null;

  const setLines = (lines: EditorLine[]) => setState((s) => ({ ...s, lines }));
  const patchLine = (key: string, patch: Partial<EditorLine>) =>
    setState((s) => ({ ...s, lines: s.lines.map((l) => (l.key === key ? { ...l, ...patch } : l)) }));
  const setClient = (client: PickedClient) =>
    // Sessions and deposit invoices belong to one client: another client cannot be billed for them.
    setState((s) => (client?.id === s.client?.id ? { ...s, client } : { ...s, client, lines: s.lines.filter((l) => l.source !== 'session'), deductions: [] }));

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.money.documents.pathKey() });
  const create = useMutation(trpc.money.documents.createDraft.mutationOptions());
  const update = useMutation(trpc.money.documents.updateDraft.mutationOptions());
  const issue = useMutation(trpc.money.documents.issue.mutationOptions());
  const remove = useMutation(trpc.money.documents.deleteDraft.mutationOptions());

  /** Saves and returns the draft's id, or null with the reason shown in place. */
  const save = async (): Promise<string | null> => {
    setError(null);
    if (!state.client) {
      setError(t('money.editor.problems.client'));
      return null;
    }
    if (state.lines.some((line) => lineProblems(line, format.currency, lookup).length > 0) || discount === 'invalid' || deposit === 'invalid') {
      setError(t('money.editor.problems.fixLines'));
      return null;
    }
    const fields = {
      clientId: state.client.id,
      projectId: state.projectId,
      serviceDate: state.serviceDate || null,
      validUntil: isQuote ? state.validUntil || null : null,
      discount: discount,
      ...(isQuote ? { deposit } : {}),
      notes: state.notes,
      lines: toLineInputs(state.lines, format.currency),
      depositInvoiceIds: state.kind === 'final_invoice' ? state.deductions.map((d) => d.id) : [],
    };
    try {
      const saved = documentId ? await update.mutateAsync({ id: documentId, ...fields }) : await create.mutateAsync({ kind: state.kind, ...fields });
      await refresh();
      return saved.id;
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
      return null;
    }
  };

  const saveDraft = async () => {
    const id = await save();
    if (!id) return;
    toast(t('money.editor.saved'));
    if (!documentId) await navigate(pathTo(`money/documents/${id}`), { replace: true });
  };
  const issueNow = async () => {
    // A save refused shows its reason in the form (the dialog closes); a refused issue stays in the dialog.
    const id = await save();
    if (!id) return;
    const issued = await issue.mutateAsync({ id });
    await refresh();
    toast(t('money.editor.issued', { number: issued.number }));
    await navigate(pathTo(`money/documents/${id}`), { replace: true });
  };
  const deleteNow = async () => {
    await remove.mutateAsync({ id: documentId! });
    await refresh();
    toast(t('money.editor.deleted'));
    await navigate(pathTo(`money?tab=${isQuote ? 'quotes' : 'invoices'}`));
  };
  const busy = create.isPending || update.isPending || issue.isPending;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <form
        aria-label={t(`money.editor.formLabel.${state.kind}`)}
        className="grid min-w-0 gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          void saveDraft();
        }}
      >
        {documentId === null && !isQuote && onKindChange ? (
          <div className="grid gap-1 sm:max-w-xs">
            <Label htmlFor="doc-kind">{t('money.editor.kindLabel')}</Label>
            <select
              id="doc-kind"
              className={inputClassName}
              value={state.kind}
              onChange={(event) => {
                const kind = event.target.value as DraftKind;
                setState((s) => ({ ...s, kind }));
                onKindChange(kind);
              }}
            >
              {INVOICE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`money.kind.${kind}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <ClientCombobox value={state.client} onChange={setClient} label={t('money.editor.client')} />
        <section className="grid gap-3" aria-label={t('money.editor.lines')}>
          <h2 className="text-lg font-medium">{t('money.editor.lines')}</h2>
          {state.lines.length === 0 ? <p className="text-sm text-muted-foreground">{t('money.editor.noLines')}</p> : null}
          <ol className="grid gap-3">
            {state.lines.map((line, index) => (
              <EditorLineRow
                key={line.key}
                line={line}
                index={index}
                rates={rates}
                problems={lineProblems(line, format.currency, lookup)}
                netText={live.ok ? format.amount(live.totals.lines[index]!.netCents) : '—'}
                onChange={(patch) => patchLine(line.key, patch)}
                onRemove={() => setLines(state.lines.filter((l) => l.key !== line.key))}
              />
            ))}
          </ol>
          <AddLines
            catalogue={catalogue}
            clientId={state.client?.id ?? null}
            canBillSessions={!isQuote}
            sessionIdsInUse={state.lines.flatMap((l) => (l.sessionId ? [l.sessionId] : []))}
            onCatalogue={(item) => setLines([...state.lines, catalogueLine(item, format.currency, i18n.language)])}
            onSession={(session) =>
              setLines([
                ...state.lines,
                sessionLine(session, defaultRateId, format.currency, i18n.language, formatDateTime(session.startsAt, i18n.language, studio.timeZone)),
              ])
            }
            onFree={() => setLines([...state.lines, freeLine(defaultRateId)])}
          />
        </section>
        {state.kind === 'final_invoice' && state.client ? (
          <DepositsToDeduct
            clientId={state.client.id}
            draftId={documentId}
            chosen={state.deductions}
            onChange={(deductions) => setState((s) => ({ ...s, deductions }))}
          />
        ) : null}
        <DocumentFields
          state={state}
          onChange={(patch) => setState((s) => ({ ...s, ...patch }))}
          discountInvalid={discount === 'invalid'}
          depositInvalid={deposit === 'invalid'}
        />
        {error ? <FormError message={error} /> : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="outline" loading={create.isPending || update.isPending}>
            {t('money.editor.saveDraft')}
          </Button>
          <Button type="button" disabled={busy} onClick={() => setConfirm('issue')}>
            {t(`money.editor.issue.${isQuote ? 'quote' : 'invoice'}`)}
          </Button>
          {documentId ? (
            <Button type="button" variant="ghost" className="text-destructive" onClick={() => setConfirm('delete')}>
              {t('money.editor.deleteDraft')}
            </Button>
          ) : null}
        </div>
      </form>
      <aside className="grid content-start gap-2 lg:sticky lg:top-4">
        <h2 className="text-lg font-medium">{t('money.editor.totals')}</h2>
        <EditorTotals live={live} depositsDeductedCents={state.kind === 'final_invoice' ? state.deductions.reduce((sum, d) => sum + d.amountCents, 0) : 0} />
        <PaymentTermsNote isQuote={isQuote} />
      </aside>
      <ConfirmDialog
        open={confirm === 'issue'}
        onOpenChange={(open) => setConfirm(open ? 'issue' : null)}
        title={t(`money.editor.issueConfirm.title.${isQuote ? 'quote' : 'invoice'}`)}
        description={t('money.editor.issueConfirm.description')}
        confirmLabel={t('money.editor.issueConfirm.confirm')}
        onConfirm={issueNow}
      />
      <ConfirmDialog
        open={confirm === 'delete'}
        onOpenChange={(open) => setConfirm(open ? 'delete' : null)}
        title={t('money.editor.deleteConfirm.title')}
        description={t('money.editor.deleteConfirm.description')}
        confirmLabel={t('money.editor.deleteDraft')}
        onConfirm={deleteNow}
      />
    </div>
  );
}

/** The due date is set at issue from the billing details' payment terms; say so rather than ask. */
function PaymentTermsNote({ isQuote }: { isQuote: boolean }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const billing = useQuery(trpc.money.billingDetails.get.queryOptions());
  if (isQuote || !billing.data) return null;
  return <p className="text-sm text-muted-foreground">{t('money.editor.paymentTerms', { count: billing.data.paymentTermsDays })}</p>;
}
