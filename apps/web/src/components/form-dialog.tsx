import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from './ui/dialog.tsx';
import { FormError } from './form/form-error.tsx';

type FormDialogProps = {
  /** The form's id: the footer's submit button sits outside the form and names it. */
  formId: string;
  title: string;
  description: ReactNode;
  /** Names the form for assistive technology (and tests) when the title alone is not enough. */
  formLabel?: string;
  submitLabel: string;
  destructive?: boolean;
  pending: boolean;
  /** What went wrong, shown under the fields: the user's input stays as typed. */
  error: string | null;
  onSubmit: () => void;
  onClose: () => void;
  /** Tailwind gap between the fields. */
  gap?: 'gap-2' | 'gap-3';
  children: ReactNode;
};

/** A dialog that is one small form: its fields, the error, Cancel and the submit button. */
export function FormDialog(props: FormDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open onOpenChange={(open) => (open ? null : props.onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogDescription>{props.description}</DialogDescription>
        </DialogHeader>
        <form
          id={props.formId}
          aria-label={props.formLabel}
          className={`grid ${props.gap ?? 'gap-3'}`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            props.onSubmit();
          }}
        >
          {props.children}
          {props.error ? <FormError message={props.error} /> : null}
        </form>
        <DialogFooter>
          <Button variant="outline" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form={props.formId} variant={props.destructive ? 'destructive' : 'default'} loading={props.pending}>
            {props.submitLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
