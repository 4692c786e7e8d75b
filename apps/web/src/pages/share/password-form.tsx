import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Lock } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { apiErrorMessage, hasAppCode } from '@/lib/trpc/errors.ts';

/** The password of a protected share link; wrong answers and the rate limit are explained. */
export function PasswordForm({ onSubmit }: { onSubmit: (password: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!password) {
      setError(t('errors.required'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      await onSubmit(password);
    } catch (e) {
      setError(hasAppCode(e, 'INVALID_CREDENTIALS') ? t('sharing.page.wrongPassword') : apiErrorMessage(t, e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Card className="mx-auto max-w-md">
      <CardHeader>
        <CardTitle as="h1" className="flex items-center gap-2 text-xl">
          <Lock aria-hidden="true" className="size-5" />
          {t('sharing.page.passwordTitle')}
        </CardTitle>
        <CardDescription>{t('sharing.page.passwordDescription')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={(event) => void submit(event)} noValidate className="grid gap-3">
          <FormError message={error} />
          <div className="grid gap-2">
            <Label htmlFor="share-page-password">{t('sharing.page.password')}</Label>
            <Input
              id="share-page-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoFocus
            />
          </div>
          <Button type="submit" loading={pending}>
            {t('sharing.page.unlock')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
