import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from './ui/button.tsx';

type ErrorScreenProps = { title?: string; message?: string; onRetry?: () => void };

/** Full-page error message; plain <a> so it still works when the router is broken. */
export function ErrorScreen({ title, message, onRetry }: ErrorScreenProps) {
  const { t } = useTranslation();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
      <TriangleAlert className="size-10 text-destructive" aria-hidden="true" />
      <h1 className="text-2xl font-semibold">{title ?? t('errorPage.title')}</h1>
      <p className="max-w-md text-muted-foreground">{message ?? t('errorPage.description')}</p>
      <div className="flex gap-2">
        {onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : null}
        <Button variant="outline" asChild>
          <a href="/">{t('errorPage.home')}</a>
        </Button>
      </div>
    </main>
  );
}
