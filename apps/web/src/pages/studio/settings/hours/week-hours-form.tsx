import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { WeeklyHoursEditor } from './weekly-hours-editor.tsx';
import { weekIssues, type HoursKind, type WeekHours } from './weekly-hours.ts';

type WeekHoursFormProps = {
  kind: HoursKind;
  /** The saved week; mount again (key) when it changes on the server. */
  initial: WeekHours;
  canWrite: boolean;
  /** A reason the week cannot be saved as it is (beyond the per-range rules), as a sentence. */
  refuse?: (week: WeekHours) => string | null;
  onSave: (week: WeekHours) => Promise<void>;
  label: string;
  children?: ReactNode;
};

/** A week of hours with its own save button: problems are shown on their boxes as they are typed. */
export function WeekHoursForm({ kind, initial, canWrite, refuse, onSave, label, children }: WeekHoursFormProps) {
  const { t } = useTranslation();
  const [week, setWeek] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const issues = weekIssues(week, kind);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    if (issues.length > 0) {
      setFormError(t('hours.fixIssues'));
      return;
    }
    const refusal = refuse?.(week) ?? null;
    if (refusal) {
      setFormError(refusal);
      return;
    }
    setSaving(true);
    try {
      await onSave(week);
    } catch (error) {
      setFormError(apiErrorMessage(t, error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="grid gap-3" aria-label={label}>
      <FormError message={formError} />
      {children}
      <WeeklyHoursEditor kind={kind} value={week} onChange={setWeek} issues={issues} disabled={!canWrite} />
      {canWrite ? (
        <div className="flex justify-end">
          <Button type="submit" loading={saving}>
            {t('hours.save')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
