import VisibilityOffOutlined from '@mui/icons-material/VisibilityOffOutlined';
import VisibilityOutlined from '@mui/icons-material/VisibilityOutlined';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import { useState } from 'react';
import type { Control, FieldValues, Path } from 'react-hook-form';
import { FormTextField } from '../app/forms/form-text-field';

interface PasswordFieldProps<TFields extends FieldValues> {
  control: Control<TFields>;
  name: Path<TFields>;
  label?: string;
  autoComplete: 'current-password' | 'new-password';
  helperText?: string;
}

/** A password input with a button that shows or hides the typed characters. */
export function PasswordField<TFields extends FieldValues>({ control, name, label = 'Password', autoComplete, helperText }: PasswordFieldProps<TFields>) {
  const [visible, setVisible] = useState(false);

  return (
    <FormTextField
      control={control}
      name={name}
      label={label}
      type={visible ? 'text' : 'password'}
      autoComplete={autoComplete}
      required
      helperText={helperText}
      slotProps={{
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                edge="end"
                aria-label={visible ? 'Hide password' : 'Show password'}
                onClick={() => setVisible((current) => !current)}
              >
                {visible ? <VisibilityOffOutlined /> : <VisibilityOutlined />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
