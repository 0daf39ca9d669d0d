import VisibilityOffOutlined from '@mui/icons-material/VisibilityOffOutlined';
import VisibilityOutlined from '@mui/icons-material/VisibilityOutlined';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import { useState } from 'react';
import type { Control, FieldValues, Path } from 'react-hook-form';
import { FormTextField } from '../app/forms/form-text-field';

/** A masked client secret input with a button that shows it while typing. */
export function SecretField<TFields extends FieldValues, TTransformed extends FieldValues = TFields>({
  control,
  name,
  label,
}: {
  control: Control<TFields, unknown, TTransformed>;
  name: Path<TFields>;
  label: string;
}) {
  const [visible, setVisible] = useState(false);
  return (
    <FormTextField
      control={control}
      name={name}
      label={label}
      type={visible ? 'text' : 'password'}
      autoComplete="off"
      required
      helperText="Stored encrypted; Work API shows only its last four characters."
      slotProps={{
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton edge="end" aria-label={visible ? 'Hide client secret' : 'Show client secret'} onClick={() => setVisible((current) => !current)}>
                {visible ? <VisibilityOffOutlined /> : <VisibilityOutlined />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
