/** Asks the operator why (3–500 characters; optional when resuming) before an action on a studio. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { FormField } from '@/components/ui/form-field.tsx';
import { Textarea } from '@/components/ui/input.tsx';

interface Props {
  open: boolean;
  title: string;
  help: string;
  confirm: string;
  optional: boolean;
  destructive: boolean;
  pending: boolean;
  onClose(): void;
  onConfirm(reason: string): void;
}

export function ReasonDialog({ open, title, help, confirm, optional, destructive, pending, onClose, onConfirm }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (open) setReason('');
  }, [open]);
  const trimmed = reason.trim();
  const valid = trimmed.length <= 500 && (optional ? trimmed.length === 0 || trimmed.length >= 3 : trimmed.length >= 3);
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{help}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) onConfirm(trimmed);
          }}
        >
          <FormField label={t(optional ? 'operator.studio.reasonOptional' : 'operator.studio.reason')}>
            {(control) => <Textarea {...control} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t('operator.studio.cancel')}
            </Button>
            <Button type="submit" variant={destructive ? 'destructive' : 'default'} disabled={!valid} loading={pending}>
              {confirm}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
