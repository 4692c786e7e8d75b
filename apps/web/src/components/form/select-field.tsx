import type { ReactNode } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { FormField } from '@/components/ui/form-field.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';

export type SelectOption = { value: string; label: string };

type SelectFieldProps<T extends FieldValues, TOut> = {
  control: Control<T, unknown, TOut>;
  name: FieldPath<T>;
  label: ReactNode;
  options: readonly SelectOption[];
  description?: ReactNode;
  placeholder?: string;
  disabled?: boolean;
  className?: string;
};

/** A Radix select bound to a react-hook-form field (Radix has no native input to register). */
export function SelectField<T extends FieldValues, TOut>({
  control,
  name,
  label,
  options,
  description,
  placeholder,
  disabled,
  className,
}: SelectFieldProps<T, TOut>) {
  const { field, fieldState } = useController({ control, name });
  return (
    <FormField label={label} error={fieldState.error?.message} description={description} className={className}>
      {(controlProps) => (
        <Select value={typeof field.value === 'string' ? field.value : ''} onValueChange={field.onChange} disabled={disabled ?? field.disabled}>
          <SelectTrigger {...controlProps} ref={field.ref} onBlur={field.onBlur} name={field.name}>
            <SelectValue placeholder={placeholder} />
          </SelectTrigger>
          <SelectContent>
            {options.map((option) => (
              <SelectItem key={option.value} value={option.value}>
                {option.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      )}
    </FormField>
  );
}
