/**
 * Email through the SMTP server named by SMTP_URL (none configured: nothing is sent, and callers say
 * so). One transport per process and URL; plain text only.
 */
import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Seconds a slow or silent server may take before a send gives up. */
const TIMEOUT_MS = 10_000;

/** A mailer for an SMTP URL (smtp:// with STARTTLS when offered, smtps:// with TLS from the start). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

const g = globalThis as unknown as { __mailer?: { url: string; mailer: Mailer } };

/** The configured mailer, or null when SMTP_URL is unset. */
export function configuredMailer(): Mailer | null {
  const e = env();
  if (!e.SMTP_URL || !e.MAIL_FROM) return null;
  if (g.__mailer?.url !== e.SMTP_URL) g.__mailer = { url: e.SMTP_URL, mailer: smtpMailer(e.SMTP_URL, e.MAIL_FROM) };
  return g.__mailer.mailer;
}
