import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { FormError } from '@/components/form/form-error.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { DocumentEditor } from './editor/document-editor.tsx';
import { fromDocument } from './editor/editor-state.ts';
import { IssuedDocument } from './issued/issued-document.tsx';
import { useMoneyFormat } from './money-format.ts';

/** One document: a draft opens in the editor; an issued one (and a credit note, made from its invoice) is read-only. */
export function DocumentPage() {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const { documentId = '' } = useParams();
  const doc = useQuery(trpc.money.documents.get.queryOptions({ id: documentId }));
  const editable = doc.data?.status === 'draft' && doc.data.kind !== 'credit_note';
  const catalogue = useQuery({ ...trpc.money.catalogue.list.queryOptions({ includeArchived: true }), enabled: editable });
  const rates = useQuery({ ...trpc.money.vatRates.list.queryOptions({ includeArchived: true }), enabled: editable });
  const format = useMoneyFormat();
  if (doc.isError) {
    return (
      <>
        <PageHeader title={t('money.title')} />
        <FormError message={apiErrorMessage(t, doc.error)} />
      </>
    );
  }
  if (!doc.data) return <PageSpinner />;
  if (!editable) return <IssuedDocument doc={doc.data} />;
  if (!catalogue.data || !rates.data) return <PageSpinner />;
  return (
    <>
      <PageHeader title={t(`money.editor.draftTitle.${doc.data.kind}`)} />
      {/* Keyed by the document: a save that navigates here from /new starts from what was saved. */}
      <DocumentEditor
        key={doc.data.id}
        documentId={doc.data.id}
        initial={fromDocument(doc.data, format.currency, format.locale)}
        catalogue={catalogue.data}
        rates={rates.data}
      />
    </>
  );
}
