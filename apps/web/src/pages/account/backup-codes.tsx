import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';

/** Backup codes, shown once: the server keeps only their hashes. */
export function BackupCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-4">
      <div className="grid gap-1">
        <h2 className="font-semibold">{t('twoFactor.backupTitle')}</h2>
        <p className="text-sm text-muted-foreground">{t('twoFactor.backupDescription')}</p>
      </div>
      <ul className="grid grid-cols-2 gap-2 rounded-md border bg-muted/40 p-4 font-mono text-sm" data-testid="backup-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <Button type="button" onClick={onDone}>
        {t('twoFactor.backupDone')}
      </Button>
    </div>
  );
}
