import CheckOutlined from '@mui/icons-material/CheckOutlined';
import ContentCopyOutlined from '@mui/icons-material/ContentCopyOutlined';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';
import { useNotify } from './notifications';

interface CopyButtonProps {
  value: string;
  /** Names what is copied, for the accessible label: "Copy redirect URI". */
  label: string;
  /** A text button instead of an icon button. */
  variant?: 'icon' | 'button';
}

/** Copies a value to the clipboard and confirms it with a check mark and a notification. */
export function CopyButton({ value, label, variant = 'icon' }: CopyButtonProps) {
  const notify = useNotify();
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
      notify('Copied to the clipboard.', 'success');
    } catch {
      notify('The browser did not allow copying. Select the text and copy it by hand.', 'error');
    }
  };

  const icon = copied ? <CheckOutlined fontSize="small" /> : <ContentCopyOutlined fontSize="small" />;
  if (variant === 'button') {
    return (
      <Button variant="outlined" startIcon={icon} onClick={() => void copy()}>
        {label}
      </Button>
    );
  }
  return (
    <Tooltip title={label}>
      <IconButton aria-label={label} onClick={() => void copy()} size="small">
        {icon}
      </IconButton>
    </Tooltip>
  );
}
