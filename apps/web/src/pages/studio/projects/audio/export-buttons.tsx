/** Download a version's comments as DAW markers: CSV, Audacity labels, REAPER marker list. */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Download } from 'lucide-react';
import { COMMENT_EXPORT_FORMATS, type CommentExportFormat } from '@rsm/shared/review-schemas';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { downloadText } from '@/lib/download.ts';

export function ExportButtons({ versionId, disabled }: { versionId: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState<CommentExportFormat | null>(null);
  async function download(format: CommentExportFormat) {
    setBusy(format);
    try {
      downloadText(await queryClient.fetchQuery({ ...trpc.comments.export.queryOptions({ versionId, format, includeResolved: true }), staleTime: 0 }));
    } catch (error) {
      toast(apiErrorMessage(t, error), 'error');
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-1" role="group" aria-label={t('review.export.label')}>
      <span className="text-xs text-muted-foreground">{t('review.export.label')}</span>
      {COMMENT_EXPORT_FORMATS.map((format) => (
        <Button
          key={format}
          type="button"
          size="sm"
          variant="outline"
          className="h-7 px-2"
          loading={busy === format}
          disabled={disabled}
          onClick={() => void download(format)}
          data-testid={`export-${format}`}
        >
          <Download aria-hidden="true" />
          {t(`review.export.${format}`)}
        </Button>
      ))}
    </div>
  );
}
