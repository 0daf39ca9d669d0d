import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';

type FormTextFieldProps<TFields extends FieldValues, TTransformed extends FieldValues = TFields> = Omit<TextFieldProps, 'name' | 'value' | 'onChange' | 'onBlur' | 'error'> & {
  /** The form's control. The form may transform its values on submit, for example a text into a list. */
  control: Control<TFields, unknown, TTransformed>;
  name: Path<TFields>;
};

/**
 * A TextField bound to one react-hook-form field. Its helper line is always
 * rendered, with a blank placeholder, so that an error message does not move
 * the fields below it.
 */
export function FormTextField<TFields extends FieldValues, TTransformed extends FieldValues = TFields>({
  control,
  name,
  helperText,
  ...props
}: FormTextFieldProps<TFields, TTransformed>) {
  const { field, fieldState } = useController<TFields, Path<TFields>, TTransformed>({ control, name });
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
