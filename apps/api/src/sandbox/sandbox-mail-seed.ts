import fs from 'node:fs';
import path from 'node:path';
import { composeMime } from '../mail/mime';

/** The real-world messages shipped with the repository (see corpus/emails/README.md). */
export const corpusDirectory = path.resolve(__dirname, '../../corpus/emails');

export interface SeedMessage {
  messageId: string;
  mailboxId: string;
  threadId: string;
  labels: string[];
  seen: boolean;
  flagged: boolean;
  receivedAt: Date;
  raw: Buffer;
}

export const sandboxMailboxes = [
  { id: 'INBOX', name: 'Inbox', role: 'INBOX' },
  { id: 'SENT', name: 'Sent', role: 'SENT' },
  { id: 'DRAFTS', name: 'Drafts', role: 'DRAFTS' },
  { id: 'ARCHIVE', name: 'Archive', role: 'ARCHIVE' },
  { id: 'TRASH', name: 'Trash', role: 'TRASH' },
  { id: 'CORPUS', name: 'Real-world corpus', role: 'OTHER' },
] as const;

/** The sandbox user's own address, used as sender of Sent and Drafts. */
export const sandboxOwner = { name: 'Sam Sandbox', address: 'sam@sandbox.workapi.test' };

/** Newest seeded message; seeded mail is dated backwards from here so every sandbox is identical. */
const seedEpoch = Date.UTC(2026, 10, 30, 9, 0, 0);

/** mulberry32: a small deterministic PRNG, so the seed is the same on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const people = [
  { name: 'Ada Lovelace', address: 'ada@analytical.example' },
  { name: 'Grace Hopper', address: 'grace@cobol.example' },
  { name: 'Alan Turing', address: 'alan@bletchley.example' },
  { name: 'Katherine Johnson', address: 'katherine@nasa.example' },
  { name: 'Linus Pauling', address: 'linus@chem.example' },
  { name: 'Hedy Lamarr', address: 'hedy@frequency.example' },
  { name: 'Claude Shannon', address: 'claude@bits.example' },
  { name: 'Margaret Hamilton', address: 'margaret@apollo.example' },
  { name: 'Billing', address: 'billing@cloudhost.example' },
  { name: 'Travel Desk', address: 'trips@airline.example' },
];

const topics = [
  { subject: 'Quarterly planning', label: 'Work', body: 'Here are the goals for next quarter. Please add your estimates by Friday.' },
  { subject: 'Invoice {n}', label: 'Receipts', body: 'Your invoice is attached. The amount will be charged to the card on file.' },
  { subject: 'Flight confirmation {n}', label: 'Travel', body: 'Your booking is confirmed. Check-in opens 24 hours before departure.' },
  { subject: 'Lunch on Thursday?', label: '', body: 'Are you free for lunch on Thursday? The new place on the corner has good reviews.' },
  { subject: 'Design review notes', label: 'Work', body: 'Notes from the design review are below; the open questions are marked.' },
  { subject: 'Build failed on main', label: 'Work', body: 'The nightly build failed in the integration tests. The log is attached.' },
  { subject: 'Photos from the trip', label: 'Travel', body: 'Some photos from the weekend, the best one is inline below.' },
  { subject: 'Receipt for your order {n}', label: 'Receipts', body: 'Thanks for your order. Your receipt is attached for your records.' },
];

/** A 1x1 transparent PNG, used as the seed's inline image. */
const pixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==', 'base64');

function attachmentsFor(topicIndex: number, n: number) {
  if (topicIndex === 1 || topicIndex === 7) {
    const csv = `item,amount\nsubscription,${(n % 90) + 10}.00\ntax,${(n % 9) + 1}.50\n`;
    return [{ fileName: `invoice-${n}.csv`, mimeType: 'text/csv', content: Buffer.from(csv) }];
  }
  if (topicIndex === 5) return [{ fileName: 'build.log', mimeType: 'text/plain', content: Buffer.from(`step ${n}: test failed\n`.repeat(20)) }];
  if (topicIndex === 6) return [{ fileName: 'photo.png', mimeType: 'image/png', content: pixelPng, contentId: `photo-${n}@sandbox`, inline: true }];
  return [];
}

/**
 * Builds the synthetic part of a sandbox mailbox: `count` messages in threads of one to
 * four, spread over Inbox, Sent, Archive and Drafts, some with attachments and inline
 * images. The output depends on nothing but `count`.
 */
export async function buildSyntheticMessages(count = 300): Promise<SeedMessage[]> {
  const random = prng(20261130);
  const messages: SeedMessage[] = [];
  let time = seedEpoch;
  let n = 0;
  while (messages.length < count) {
    const topicIndex = Math.floor(random() * topics.length);
    const topic = topics[topicIndex];
    const correspondent = people[Math.floor(random() * people.length)];
    const threadLength = Math.min(1 + Math.floor(random() * 4), count - messages.length);
    const threadId = `t${String(n + 1).padStart(5, '0')}`;
    const subject = topic.subject.replace('{n}', String(1000 + n));
    const thread: SeedMessage[] = [];
    let previousMessageId: string | null = null;
    for (let index = 0; index < threadLength; index++) {
      n += 1;
      time -= Math.floor(random() * 6 * 3600 * 1000) + 60_000;
      const outgoing = index % 2 === 1;
      const messageId: string = `<seed-${n}@sandbox.workapi.test>`;
      const html = topicIndex === 6 ? `<p>${topic.body}</p><img src="cid:photo-${n}@sandbox" alt="photo">` : `<p>${topic.body}</p>`;
      const raw = await composeMime({
        from: outgoing ? sandboxOwner : correspondent,
        to: [outgoing ? correspondent : sandboxOwner],
        cc: index === 0 && random() < 0.2 ? [people[(n + 3) % people.length]] : [],
        bcc: [],
        replyTo: [],
        subject: index === 0 ? subject : `Re: ${subject}`,
        text: `${topic.body}\n\n-- \n${outgoing ? sandboxOwner.name : correspondent.name}`,
        html,
        attachments: index === 0 ? attachmentsFor(topicIndex, n) : [],
        inReplyTo: previousMessageId,
        references: previousMessageId ? [previousMessageId] : [],
        date: new Date(time),
        messageId,
      });
      previousMessageId = messageId;
      const age = seedEpoch - time;
      const mailboxId = outgoing ? 'SENT' : age > 30 * 24 * 3600 * 1000 && random() < 0.5 ? 'ARCHIVE' : 'INBOX';
      thread.push({
        messageId: `seed-${String(n).padStart(5, '0')}`,
        mailboxId,
        threadId,
        labels: topic.label ? [topic.label] : [],
        seen: outgoing || age > 2 * 24 * 3600 * 1000 || random() < 0.3,
        flagged: random() < 0.08,
        receivedAt: new Date(time),
        raw,
      });
    }
    messages.push(...thread);
  }
  const drafts = messages.filter((message) => message.mailboxId === 'SENT').slice(0, 3);
  for (const draft of drafts) draft.mailboxId = 'DRAFTS';
  return messages;
}

/** Lists the corpus files in a stable order, relative to corpusDirectory. */
export function corpusFiles(): string[] {
  const files: string[] = [];
  const visit = (directory: string) => {
    for (const entry of fs.readdirSync(path.join(corpusDirectory, directory), { withFileTypes: true })) {
      const relative = path.join(directory, entry.name);
      if (entry.isDirectory()) visit(relative);
      else if (entry.name.endsWith('.eml')) files.push(relative);
    }
  };
  visit('.');
  return files.map((file) => file.replace(/^\.\//, '')).sort();
}

/** Provider id of a corpus message in every sandbox, derived from its file name. */
export function corpusMessageId(file: string): string {
  return `corpus-${file.replace(/\.eml$/, '').replace(/[^A-Za-z0-9]+/g, '-')}`.slice(0, 64);
}

/** Reads the corpus messages into the "Real-world corpus" mailbox, marked read and dated in file order. */
export function buildCorpusMessages(): SeedMessage[] {
  return corpusFiles().map((file, index) => ({
    messageId: corpusMessageId(file),
    mailboxId: 'CORPUS',
    threadId: corpusMessageId(file),
    labels: [],
    seen: true,
    flagged: false,
    receivedAt: new Date(Date.UTC(2020, 0, 1) + index * 60_000),
    raw: fs.readFileSync(path.join(corpusDirectory, file)),
  }));
}
