import { useTranslation } from 'react-i18next';
import { CopyField } from '@/components/form/copy-field.tsx';

/** The invitation link, read-only, with a copy button. */
export function InviteLink({ url }: { url: string }) {
  const { t } = useTranslation();
  return <CopyField label={t('invitations.link')} value={url} copyLabel={t('invitations.copy')} testId="invite-url" />;
}
