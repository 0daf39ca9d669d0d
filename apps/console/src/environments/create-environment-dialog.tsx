import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useId } from 'react';
import { CreateEnvironmentForm } from './create-environment-form';
import type { OneTimeKey } from './private-key-dialog';

/** The dialog behind "Add New Environment...", with the name form. The caller then shows the private key. */
export function CreateEnvironmentDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (key: OneTimeKey) => void }) {
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId}>Add a new environment</DialogTitle>
      <DialogContent>
        {/* Space above the first field, so that its floating label is not cut by the title. */}
        <Box sx={{ pt: 1 }}>
          <CreateEnvironmentForm onCreated={onCreated} onCancel={onClose} autoFocus />
        </Box>
      </DialogContent>
    </Dialog>
  );
}
