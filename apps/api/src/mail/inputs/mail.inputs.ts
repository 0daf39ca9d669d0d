import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Conditions on listed emails; all given conditions must hold.' })
export class EmailFilter {
  @Field(() => [ID], { nullable: true, description: 'Only emails in all of these mailboxes.' })
  mailboxIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Sender address or name contains this text (at most 200 characters).' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'A To recipient contains this text (at most 200 characters).' })
  to?: string | null;

  @Field(() => Date, { nullable: true, description: 'Received at or after this time.' })
  receivedAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Received before this time.' })
  receivedBefore?: Date | null;

  @Field(() => String, { nullable: true, description: "Free text, matched by the provider's own search (at most 200 characters)." })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True for unread emails only, false for read emails only.' })
  unread?: boolean | null;
}

@InputType({ description: 'A recipient or sender address.' })
export class EmailAddressInput {
  @Field(() => String, { nullable: true, description: 'Display name: at most 256 characters, without control characters such as CR or LF.' })
  name?: string | null;

  @Field({
    description:
      'One address, local@domain, at most 254 bytes in UTF-8: no display name, whitespace, control characters, quoted local part or address literal.',
  })
  address: string;
}

@InputType({ description: 'A file to attach.' })
export class AttachmentInput {
  @Field({ description: 'File name shown to the recipient.' })
  fileName: string;

  @Field({ description: 'MIME type, for example application/pdf.' })
  mimeType: string;

  @Field({ description: 'The content, base64-encoded.' })
  contentBase64: string;

  @Field({ defaultValue: false, description: 'True to show the part inside the HTML body (referenced as cid:contentId).' })
  inline: boolean;

  @Field(() => String, { nullable: true, description: 'Content-ID for inline parts.' })
  contentId?: string | null;
}

@InputType({ description: 'A message to send or to save as a draft.' })
export class EmailMessageInput {
  @Field(() => [EmailAddressInput], {
    defaultValue: [],
    description: 'To recipients. To, cc and bcc together hold at most 500 addresses, and sendEmail needs at least one.',
  })
  to: EmailAddressInput[];

  @Field(() => [EmailAddressInput], { defaultValue: [], description: 'Cc recipients.' })
  cc: EmailAddressInput[];

  @Field(() => [EmailAddressInput], { defaultValue: [], description: 'Bcc recipients.' })
  bcc: EmailAddressInput[];

  @Field(() => [EmailAddressInput], { defaultValue: [], description: 'Reply-To addresses, at most 20.' })
  replyTo: EmailAddressInput[];

  @Field({ defaultValue: '', description: 'Subject: at most 998 characters, without control characters such as CR or LF.' })
  subject: string;

  @Field(() => String, { nullable: true, description: 'Plain-text body.' })
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'HTML body.' })
  html?: string | null;

  @Field(() => [AttachmentInput], { defaultValue: [], description: 'Attachments, at most 25 MB in total.' })
  attachments: AttachmentInput[];

  @Field(() => ID, { nullable: true, description: 'Id of the email this one replies to; sets In-Reply-To, References and the thread.' })
  inReplyTo?: string | null;
}

@InputType({ description: 'Input of sendEmail.' })
export class SendEmailInput extends EmailMessageInput {
  @Field(() => ID, { description: 'Integration to send from.' })
  integrationId: string;
}

@InputType({ description: 'Input of createDraft.' })
export class CreateDraftInput extends EmailMessageInput {
  @Field(() => ID, { description: 'Integration that keeps the draft.' })
  integrationId: string;
}

@InputType({ description: 'Input of updateDraft: the draft is replaced whole.' })
export class UpdateDraftInput extends EmailMessageInput {
  @Field(() => ID, { description: 'Id of the draft to replace.' })
  draftId: string;
}

@InputType({ description: 'Input of sendDraft.' })
export class SendDraftInput {
  @Field(() => ID, { description: 'Id of the draft to send.' })
  draftId: string;
}

@InputType({ description: 'Input of trashEmails.' })
export class TrashEmailsInput {
  @Field(() => [ID], { description: 'Emails to move to the trash, at most 100.' })
  ids: string[];
}

@InputType({ description: 'Input of updateEmailFlags; flags left null are not changed.' })
export class UpdateEmailFlagsInput {
  @Field(() => [ID], { description: 'Emails to change, at most 100.' })
  ids: string[];

  @Field(() => Boolean, { nullable: true, description: 'True to mark read, false to mark unread.' })
  seen?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'True to flag, false to unflag.' })
  flagged?: boolean | null;
}
