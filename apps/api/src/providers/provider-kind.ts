import { registerEnumType } from 'type-graphql';

/** The kinds of provider that Work API can connect; each has an entry in the catalog. */
export enum ProviderKind {
  GMAIL = 'GMAIL',
  GOOGLE_CALENDAR = 'GOOGLE_CALENDAR',
  GOOGLE_DRIVE = 'GOOGLE_DRIVE',
  GOOGLE_CONTACTS = 'GOOGLE_CONTACTS',
  OUTLOOK_MAIL = 'OUTLOOK_MAIL',
  OUTLOOK_CALENDAR = 'OUTLOOK_CALENDAR',
  ONEDRIVE = 'ONEDRIVE',
  OUTLOOK_CONTACTS = 'OUTLOOK_CONTACTS',
  SANDBOX = 'SANDBOX',
}

registerEnumType(ProviderKind, {
  name: 'ProviderKind',
  description: 'A kind of provider account that end users can connect.',
  valuesConfig: {
    GMAIL: { description: 'Gmail through the Gmail REST API.' },
    GOOGLE_CALENDAR: { description: 'Google Calendar through the Calendar REST API.' },
    GOOGLE_DRIVE: { description: 'Google Drive files.' },
    GOOGLE_CONTACTS: { description: 'Google contacts through the People API.' },
    OUTLOOK_MAIL: { description: 'Outlook and Microsoft 365 mail through Microsoft Graph.' },
    OUTLOOK_CALENDAR: { description: 'Outlook and Microsoft 365 calendars through Microsoft Graph.' },
    ONEDRIVE: { description: 'OneDrive files through Microsoft Graph.' },
    OUTLOOK_CONTACTS: { description: 'Outlook contacts through Microsoft Graph.' },
    SANDBOX: { description: 'Built-in test provider with seeded mail and calendar; needs no configuration.' },
  },
});
