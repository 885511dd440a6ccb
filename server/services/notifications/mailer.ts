import nodemailer from 'nodemailer';
import type { RenderedEmail } from '../../domain/notifications';
import { getLogger } from '../../lib/logger';
import { environment } from '../../lib/config';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
}

/** Sends one email, or throws (the caller records the failure and tries again later). */
export interface Mailer {
  readonly kind: 'smtp' | 'log';
  send(email: OutgoingEmail): Promise<void>;
}

export const DEFAULT_MAIL_FROM = 'PPA Tracker <no-reply@ppa-tracker.invalid>';

/**
 * Limits for one attempt: a mail server that does not answer fails the attempt within seconds (it is tried
 * again later) instead of holding it for nodemailer's default two minutes. A value in SMTP_URL's query wins.
 */
const SMTP_TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Mail through the SMTP server of `url` (`smtp://user:pass@host:587`, `smtps://…:465`; options as query parameters). */
export function smtpMailer(url: string, from: string = DEFAULT_MAIL_FROM): Mailer {
  const withLimits = new URL(url);
  for (const [name, ms] of Object.entries(SMTP_TIMEOUTS_MS)) {
    if (!withLimits.searchParams.has(name)) withLimits.searchParams.set(name, String(ms));
  }
  const transport = nodemailer.createTransport(withLimits.toString());
  return {
    kind: 'smtp',
    async send(email) {
      await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text, html: email.html });
    },
  };
}

/** With no SMTP_URL (`npm run dev`), an email is written to the log instead: nothing to set up, nothing lost. */
export function logMailer(): Mailer {
  return {
    kind: 'log',
    async send(email) {
      getLogger().info({ email: { to: email.to, subject: email.subject, text: email.text } }, 'email (no SMTP_URL set, so written here instead of sent)');
    },
  };
}

export function mailerFromEnv(env: Record<string, string | undefined> = environment()): Mailer {
  return env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.SMTP_FROM || DEFAULT_MAIL_FROM) : logMailer();
}

// Plain module state, like the logger (server/lib/logger.ts): every module copy builds the same mailer from the
// same environment.
let mailer: Mailer | undefined;

export function getMailer(): Mailer {
  mailer ??= mailerFromEnv();
  return mailer;
}

/** Tests put their own in place; undefined: built from the environment again on next use. */
export function setMailer(replacement: Mailer | undefined): void {
  mailer = replacement;
}
