import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/auth';
import type { Context } from '../graphql/context';
import { AppError } from '../graphql/errors';
import { Cost } from '../metering/cost-annotations';
import { CreateDraftInput, EmailFilter, SendDraftInput, SendEmailInput, TrashEmailsInput, UpdateDraftInput, UpdateEmailFlagsInput } from './inputs/mail.inputs';
import type { MailUser } from './mail.service';
import {
  AttachmentContent,
  AttachmentMetadata,
  CreateDraftPayload,
  Email,
  EmailConnection,
  Mailbox,
  SendDraftPayload,
  SendEmailPayload,
  TrashEmailsPayload,
  UpdateDraftPayload,
  UpdateEmailFlagsPayload,
} from './mail.types';

function mailUser(context: Context): MailUser {
  if (context.auth.kind !== 'user') throw new AppError('FORBIDDEN', 'Mail requires a user access token.');
  return { userId: context.auth.userId, environmentId: context.auth.environmentId };
}

@Resolver()
export class MailResolver {
  @Authorized(Role.User)
  @Query(() => [Mailbox], { description: 'Mailboxes (folders or labels) of a mail integration of the current user.' })
  @Cost({ listSize: 20 })
  mailboxes(@Arg('integrationId', () => ID, { description: 'The integration.' }) integrationId: string, @Ctx() context: Context): Promise<Mailbox[]> {
    return context.services.mail.mailboxes(mailUser(context), integrationId);
  }

  @Authorized(Role.User)
  @Query(() => EmailConnection, { description: 'Emails of a mail integration, newest first.' })
  emails(
    @Arg('integrationId', () => ID, { description: 'The integration.' }) integrationId: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100; 10 when omitted.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the edge after which the page starts.' }) after: string | null,
    @Arg('filter', () => EmailFilter, { nullable: true, description: 'Conditions on the emails.' }) filter: EmailFilter | null,
    @Ctx() context: Context,
  ): Promise<EmailConnection> {
    return context.services.mail.emails(mailUser(context), integrationId, first, after, filter);
  }

  @Authorized(Role.User)
  @Query(() => Email, { description: 'One email by its id.' })
  email(@Arg('id', () => ID, { description: 'Id of the email.' }) id: string, @Ctx() context: Context): Promise<Email> {
    return context.services.mail.email(mailUser(context), id);
  }

  @Authorized(Role.User)
  @Query(() => AttachmentContent, { description: 'One attachment with its content.' })
  async attachment(@Arg('id', () => ID, { description: 'Id of the attachment.' }) id: string, @Ctx() context: Context): Promise<AttachmentContent> {
    const user = mailUser(context);
    const metadata = await context.services.mail.attachment(user, id);
    return { metadata, content: await context.services.mail.attachmentContent(user, metadata) };
  }

  @Authorized(Role.User)
  @Mutation(() => SendEmailPayload, { description: 'Sends an email, with attachments, optionally as a reply.' })
  async sendEmail(@Arg('input', () => SendEmailInput) input: SendEmailInput, @Ctx() context: Context): Promise<SendEmailPayload> {
    return { email: await context.services.mail.send(mailUser(context), input.integrationId, input) };
  }

  @Authorized(Role.User)
  @Mutation(() => CreateDraftPayload, { description: 'Saves a new draft.' })
  async createDraft(@Arg('input', () => CreateDraftInput) input: CreateDraftInput, @Ctx() context: Context): Promise<CreateDraftPayload> {
    return { draft: await context.services.mail.createDraft(mailUser(context), input.integrationId, input) };
  }

  @Authorized(Role.User)
  @Mutation(() => UpdateDraftPayload, { description: 'Replaces a draft whole.' })
  async updateDraft(@Arg('input', () => UpdateDraftInput) input: UpdateDraftInput, @Ctx() context: Context): Promise<UpdateDraftPayload> {
    return { draft: await context.services.mail.updateDraft(mailUser(context), input.draftId, input) };
  }

  @Authorized(Role.User)
  @Mutation(() => SendDraftPayload, { description: 'Sends a draft.' })
  async sendDraft(@Arg('input', () => SendDraftInput) input: SendDraftInput, @Ctx() context: Context): Promise<SendDraftPayload> {
    return { email: await context.services.mail.sendDraft(mailUser(context), input.draftId) };
  }

  @Authorized(Role.User)
  @Mutation(() => TrashEmailsPayload, { description: 'Moves emails to the trash.' })
  async trashEmails(@Arg('input', () => TrashEmailsInput) input: TrashEmailsInput, @Ctx() context: Context): Promise<TrashEmailsPayload> {
    return { trashedIds: await context.services.mail.trash(mailUser(context), input.ids) };
  }

  @Authorized(Role.User)
  @Mutation(() => UpdateEmailFlagsPayload, { description: 'Marks emails read or unread, flagged or unflagged.' })
  async updateEmailFlags(@Arg('input', () => UpdateEmailFlagsInput) input: UpdateEmailFlagsInput, @Ctx() context: Context): Promise<UpdateEmailFlagsPayload> {
    return { updatedIds: await context.services.mail.updateFlags(mailUser(context), input.ids, input.seen, input.flagged) };
  }
}

@Resolver(() => AttachmentMetadata)
export class AttachmentMetadataResolver {
  @FieldResolver(() => String, { description: 'The decoded content, base64-encoded; fetched from the provider when selected.' })
  @Cost({ value: 1 })
  content(@Root() attachment: AttachmentMetadata, @Ctx() context: Context): Promise<string> {
    return context.services.mail.attachmentContent(mailUser(context), attachment);
  }
}
