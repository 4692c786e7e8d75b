import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Label } from './label.tsx';
import { cn } from '@/lib/cn.ts';
import { translateMessageKey } from '@/lib/trpc/errors.ts';

/** Accessibility wiring a field's control must spread on itself. */
export type FieldControlProps = {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
};

type FormFieldProps = {
  label: ReactNode;
  /** An i18n key (zod and server messages are keys) or nothing. */
  error?: string | undefined;
  description?: ReactNode;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
};

/** Label, control, help text and translated error, linked for screen readers. */
export function FormField({ label, error, description, className, children }: FormFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('grid content-start gap-2', className)}>
      <Label htmlFor={id} className={error ? 'text-destructive' : undefined}>
        {label}
      </Label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {description ? (
        <p id={descriptionId} className="text-sm text-muted-foreground">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-destructive">
          {translateMessageKey(t, error)}
        </p>
      ) : null}
    </div>
  );
}
