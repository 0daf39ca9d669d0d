import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';

type FormTextFieldProps<TFields extends FieldValues> = Omit<TextFieldProps, 'name' | 'value' | 'onChange' | 'onBlur' | 'error'> & {
  control: Control<TFields>;
  name: Path<TFields>;
};

/**
 * A TextField bound to one react-hook-form field. Its helper line is always
 * rendered, with a blank placeholder, so that an error message does not move
 * the fields below it.
 */
export function FormTextField<TFields extends FieldValues>({ control, name, helperText, ...props }: FormTextFieldProps<TFields>) {
  const { field, fieldState } = useController({ control, name });
  const { ref, ...fieldProps } = field;

  return (
    <TextField
      {...props}
      {...fieldProps}
      value={field.value ?? ''}
      inputRef={ref}
      error={fieldState.error !== undefined}
      helperText={fieldState.error?.message ?? helperText ?? ' '}
    />
  );
}
