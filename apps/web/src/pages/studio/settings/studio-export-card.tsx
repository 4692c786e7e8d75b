import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Download, Lock, LockOpen } from 'lucide-react';
import { buttonVariants } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { studioHref } from '@/lib/studio-url.ts';

type ExportInfo = { encrypted: boolean; windowMinutes: number };

/** Owners only: download the whole studio as a ZIP — database and stored files (GET api/studio/export, streamed by the server). */
export function StudioExportCard({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const url = studioHref(slug, 'api/studio/export').href;
  const info = useQuery({
    queryKey: ['studio-export-info', slug],
    queryFn: async (): Promise<ExportInfo> => {
      const res = await fetch(`${url}/info`, { credentials: 'include' });
      if (!res.ok) throw new Error(t('studioExport.infoFailed'));
      return (await res.json()) as ExportInfo;
    },
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('studioExport.title')}</CardTitle>
        <CardDescription>{t('studioExport.description')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {info.isError ? <FormError message={info.error.message} /> : null}
        {info.data ? (
          <p className="flex items-center gap-2 text-sm" data-testid="studio-export-encryption">
            {info.data.encrypted ? <Lock aria-hidden="true" className="size-4" /> : <LockOpen aria-hidden="true" className="size-4" />}
            {info.data.encrypted ? t('studioExport.encrypted') : t('studioExport.plain')}
          </p>
        ) : null}
        <p className="text-sm text-muted-foreground">{t('studioExport.limit', { minutes: info.data?.windowMinutes ?? 10 })}</p>
        <div>
          <a className={buttonVariants({ variant: 'outline' })} href={url} download>
            <Download aria-hidden="true" />
            {t('studioExport.download')}
          </a>
        </div>
      </CardContent>
    </Card>
  );
}
