import type { ComponentProps, ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FormField } from '@/components/ui/form-field.tsx';
import { Input, Textarea } from '@/components/ui/input.tsx';

type CommonProps = {
  label: ReactNode;
  /** `form.register('field')` */
  registration: UseFormRegisterReturn;
  error?: string | undefined;
  description?: ReactNode;
  className?: string;
};

type TextFieldProps = CommonProps & Omit<ComponentProps<'input'>, 'id' | 'name' | keyof CommonProps>;

export function TextField({ label, registration, error, description, className, ...inputProps }: TextFieldProps) {
  return (
    <FormField label={label} error={error} description={description} className={className}>
      {(control) => <Input {...inputProps} {...control} {...registration} />}
    </FormField>
  );
}

type TextAreaFieldProps = CommonProps & Omit<ComponentProps<'textarea'>, 'id' | 'name' | keyof CommonProps>;

export function TextAreaField({ label, registration, error, description, className, ...textareaProps }: TextAreaFieldProps) {
  return (
    <FormField label={label} error={error} description={description} className={className}>
      {(control) => <Textarea {...textareaProps} {...control} {...registration} />}
    </FormField>
  );
}
