import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import { useId } from 'react';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { canGenerateInBrowser } from './key-pair';

/** The choice to make the key pair in the browser, so that only the public key is sent. */
export function KeySourceField<TFields extends FieldValues, TTransformed extends FieldValues = TFields>({
  control,
  name,
}: {
  control: Control<TFields, unknown, TTransformed>;
  name: Path<TFields>;
}) {
  const { field } = useController<TFields, Path<TFields>, TTransformed>({ control, name });
  const helpId = useId();
  const available = canGenerateInBrowser();

  return (
    <div>
      <FormControlLabel
        control={
          <Checkbox
            checked={Boolean(field.value) && available}
            disabled={!available}
            onChange={(event) => field.onChange(event.target.checked)}
            slotProps={{ input: { 'aria-describedby': helpId } }}
          />
        }
        label="Generate the key pair in my browser"
      />
      <FormHelperText id={helpId} sx={{ mt: 0, mb: 1 }}>
        {available
          ? 'Only the public key is sent to Work API. Otherwise the server generates the pair and forgets the private key after showing it.'
          : 'This page is not served over https, so the browser cannot generate keys. The server generates the pair instead.'}
      </FormHelperText>
    </div>
  );
}
