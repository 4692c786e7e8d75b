import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Check, Copy } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';

/** The invitation link, read-only, with a copy button. */
export function InviteLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard access can be refused (insecure origin, permissions); the field stays selectable.
      setCopied(false);
    }
  };
  return (
    <div className="grid gap-2">
      <Label htmlFor="invite-url">{t('invitations.link')}</Label>
      <div className="flex gap-2">
        <Input id="invite-url" value={url} readOnly onFocus={(event) => event.currentTarget.select()} data-testid="invite-url" />
        <Button type="button" variant="outline" onClick={() => void copy()} aria-label={t('invitations.copy')}>
          {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
          <span className="hidden sm:inline">{copied ? t('invitations.copied') : t('invitations.copy')}</span>
        </Button>
      </div>
    </div>
  );
}
