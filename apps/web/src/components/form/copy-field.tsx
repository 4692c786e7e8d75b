import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Check, Copy } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';

type CopyFieldProps = {
  label: string;
  value: string;
  /** The copy button's accessible name, e.g. "Copy the link". */
  copyLabel: string;
  testId?: string;
};

/** A read-only value (a link to share) with a copy button; the box stays selectable if the clipboard is refused. */
export function CopyField({ label, value, copyLabel, testId }: CopyFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard access can be refused (insecure origin, permissions); the field stays selectable.
      setCopied(false);
    }
  };
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input id={id} value={value} readOnly onFocus={(event) => event.currentTarget.select()} data-testid={testId} />
        <Button type="button" variant="outline" onClick={() => void copy()} aria-label={copyLabel}>
          {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
          <span className="hidden sm:inline" aria-live="polite">
            {copied ? t('common.copied') : t('common.copy')}
          </span>
        </Button>
      </div>
    </div>
  );
}
