import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One email as a real SMTP peer received it, decoded enough to read: headers, plain text and HTML. */
export interface ReceivedEmail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface SmtpPeer {
  port: number;
  /** What the app is pointed at: plain SMTP on loopback (the peer offers no STARTTLS). */
  url: string;
  received: ReceivedEmail[];
  close(): Promise<void>;
}

function bytesOfEscapes(text: string, pattern: RegExp): string {
  // Collect escaped bytes and literal characters into one byte sequence, so multi-byte UTF-8 decodes whole.
  const bytes: number[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    bytes.push(...Buffer.from(text.slice(last, match.index), 'utf8'), parseInt(match[1]!, 16));
    last = match.index! + match[0].length;
  }
  bytes.push(...Buffer.from(text.slice(last), 'utf8'));
  return Buffer.from(bytes).toString('utf8');
}

function decodeQuotedPrintable(body: string): string {
  return bytesOfEscapes(body.replace(/=\r?\n/g, ''), /=([0-9A-F]{2})/g);
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as nodemailer writes a non-ASCII subject. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_, encoding: string, encoded: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(encoded, 'base64').toString('utf8') : bytesOfEscapes(encoded.replace(/_/g, ' '), /=([0-9A-F]{2})/g),
    );
}

function parsePart(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(part: { headers: Map<string, string>; body: string }): string {
  const encoding = part.headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return part.body;
}

export function parseEmail(raw: string, envelope: { from: string; to: string[] }): ReceivedEmail {
  const message = parsePart(raw);
  const found = { text: '', html: '' };
  const boundary = /boundary="?([^";]+)"?/.exec(message.headers.get('content-type') ?? '')?.[1];
  const parts = boundary
    ? message.body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((p) => parsePart(p.replace(/^\r\n/, '')))
    : [message];
  for (const part of parts) {
    const type = part.headers.get('content-type') ?? 'text/plain';
    if (type.startsWith('text/html')) found.html = decodeBody(part).replace(/\r\n$/, '');
    else if (type.startsWith('text/plain')) found.text = decodeBody(part).replace(/\r\n/g, '\n');
  }
  return { ...envelope, subject: decodeHeader(message.headers.get('subject') ?? ''), ...found, raw };
}

/** A real SMTP server on loopback (port 0: a free one), keeping what it receives. */
export async function startSmtpPeer(options: { port?: number } = {}): Promise<SmtpPeer> {
  const received: ReceivedEmail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) };
        received.push(parseEmail(Buffer.concat(chunks).toString('utf8'), envelope));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
