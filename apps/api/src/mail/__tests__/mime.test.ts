import { addMissingSubmissionHeaders, composeMime, parseMime } from '../mime';

const headers = {
  from: { name: 'Sam Sandbox', address: 'sam@sandbox.workapi.test' },
  date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
  messageId: '<fixed@sandbox.workapi.test>',
};

describe('addMissingSubmissionHeaders', () => {
  it('adds From, Date and Message-ID', async () => {
    const raw = Buffer.from('To: ada@analytical.example\r\nSubject: Hi\r\n\r\nBody\r\n');
    const stamped = addMissingSubmissionHeaders(raw, headers);
    expect(stamped.toString()).toBe(
      'From: "Sam Sandbox" <sam@sandbox.workapi.test>\r\nDate: Fri, 02 Jan 2026 03:04:05 +0000\r\nMessage-ID: <fixed@sandbox.workapi.test>\r\n' + raw.toString(),
    );
    const parsed = await parseMime(stamped);
    expect(parsed.from).toEqual([headers.from]);
    expect(parsed.sentAt).toEqual(headers.date);
    expect(parsed.messageId).toBe(headers.messageId);
  });

  it('keeps headers the message has', async () => {
    const raw = await composeMime({
      from: { name: 'Ada', address: 'ada@analytical.example' },
      to: [{ name: null, address: 'grace@cobol.example' }],
      cc: [],
      bcc: [],
      replyTo: [],
      subject: 'Own headers',
      text: 'Body',
      html: null,
      attachments: [],
    });
    expect(addMissingSubmissionHeaders(raw, headers)).toBe(raw);
  });

  it('ignores From in the body', () => {
    const raw = Buffer.from('Subject: Hi\nDate: Thu, 01 Jan 2026 00:00:00 +0000\nMessage-ID: <a@b>\n\nFrom: someone else\n');
    const stamped = addMissingSubmissionHeaders(raw, headers).toString();
    expect(stamped.startsWith('From: "Sam Sandbox" <sam@sandbox.workapi.test>\nSubject: Hi\n')).toBe(true);
  });

  it('encodes a non-ASCII name', async () => {
    const raw = Buffer.from('Subject: Hi\r\n\r\nBody');
    const stamped = addMissingSubmissionHeaders(raw, { ...headers, from: { name: 'Zoë Ölund', address: 'zoe@example.com' } });
    expect(stamped.toString('latin1')).toMatch(/^From: =\?UTF-8\?Q\?[^\r\n]+\?= <zoe@example\.com>\r\n/);
    expect((await parseMime(stamped)).from).toEqual([{ name: 'Zoë Ölund', address: 'zoe@example.com' }]);
  });
});
