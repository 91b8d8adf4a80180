import { maskPhone } from '../../domain/cases/index.ts';
import type { Logger } from '../logger.ts';

/**
 * Sends a text message to a phone (短信). No SMS gateway is reachable from here, so the one
 * implementation writes the message to the log, where a developer reads the code; a gateway is
 * one more implementation of this interface, chosen by GRIDLOOP_SMS_SENDER.
 */
export type SmsSender = {
  readonly name: string;
  send(phone: string, text: string): Promise<void>;
};

/** Logs the message with the phone masked (development, tests). */
export function logSmsSender(log: Logger): SmsSender {
  return {
    name: 'log',
    send: async (phone, text) => {
      log.info({ sms: { to: maskPhone(phone), text } }, 'sms (log sender, not sent)');
    },
  };
}

/** The sender GRIDLOOP_SMS_SENDER names; `log` (the default) is the only one built in. */
export function smsSenderFromEnv(log: Logger, env: NodeJS.ProcessEnv = process.env): SmsSender {
  const name = env.GRIDLOOP_SMS_SENDER ?? 'log';
  if (name !== 'log') throw new Error(`GRIDLOOP_SMS_SENDER=${name}: only "log" is built in`);
  return logSmsSender(log);
}
