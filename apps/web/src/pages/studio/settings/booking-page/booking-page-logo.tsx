import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ImageUp, Trash2 } from 'lucide-react';
import { LOGO_MAX_BYTES, LOGO_MIME_TYPES } from '@rsm/shared/booking-page-schemas';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { bookingPageErrorMessage } from '@/pages/public-booking/public-booking-errors.ts';
import { publicLogoUrl } from '@/pages/public-booking/public-urls.ts';

/** The file as base64, without the data-URL prefix. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** The logo shown on the public page: PNG, JPEG or WebP up to 512 KB (the server checks the file itself). */
export function BookingPageLogo({ slug, logoVersion, disabled = false }: { slug: string; logoVersion: number | null; disabled?: boolean }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation(trpc.bookingPage.uploadLogo.mutationOptions());
  const remove = useMutation(trpc.bookingPage.removeLogo.mutationOptions());

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.bookingPage.settings.queryKey() });
  const onFile = async (file: File | undefined) => {
    setError(null);
    if (!file) return;
    if (file.size > LOGO_MAX_BYTES) return setError(t('bookingPage.errors.logoTooLarge'));
    try {
      await upload.mutateAsync({ dataBase64: await readBase64(file) });
      await refresh();
      toast(t('bookingPage.logo.uploaded'));
    } catch (failure) {
      setError(bookingPageErrorMessage(t, failure));
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('bookingPage.logo.title')}</CardTitle>
        <CardDescription>{t('bookingPage.logo.help')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {logoVersion ? (
          <img src={publicLogoUrl(slug, logoVersion)} alt={t('bookingPage.logo.current')} className="h-16 w-auto max-w-48 rounded border object-contain p-1" />
        ) : (
          <p className="text-sm text-muted-foreground">{t('bookingPage.logo.none')}</p>
        )}
        {logoVersion ? <p className="text-xs text-muted-foreground">{t('bookingPage.logo.visibleWhenEnabled')}</p> : null}
        <FormError message={error} />
        <fieldset disabled={disabled} className="flex flex-wrap gap-2">
          <input
            ref={input}
            type="file"
            accept={LOGO_MIME_TYPES.join(',')}
            className="sr-only"
            id="booking-logo"
            onChange={(event) => void onFile(event.target.files?.[0])}
          />
          <Button type="button" variant="outline" size="sm" loading={upload.isPending} onClick={() => input.current?.click()}>
            <ImageUp aria-hidden="true" />
            {logoVersion ? t('bookingPage.logo.replace') : t('bookingPage.logo.upload')}
          </Button>
          {logoVersion ? (
            <Button
              type="button"
              variant="ghost"
              size="sm"
              loading={remove.isPending}
              onClick={() =>
                void remove
                  .mutateAsync()
                  .then(refresh)
                  .catch((failure: unknown) => setError(bookingPageErrorMessage(t, failure)))
              }
            >
              <Trash2 aria-hidden="true" />
              {t('bookingPage.logo.remove')}
            </Button>
          ) : null}
        </fieldset>
      </CardContent>
    </Card>
  );
}
