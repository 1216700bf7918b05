// E-mail through SMTP (config.smtpUrl); off when it is unset. The Message-ID is derived from the
// outbox row, so a receiving system can tell a rare resend (crash between send and record) apart.
import nodemailer from 'nodemailer';

export interface MailSender {
  send(mail: { to: string; subject: string; text: string; messageId: string }): Promise<{ messageId: string }>;
  close(): void;
}

export function smtpMailSender(smtpUrl: string, from: string): MailSender {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
      return { messageId: String(info.messageId ?? mail.messageId) };
    },
    close: () => transport.close(),
  };
}
