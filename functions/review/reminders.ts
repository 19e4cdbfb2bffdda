/**
 * Deadline reminders: one message per agency on the desk's reminder list that the registry has an address for.
 * E-mailed through Amazon SES when the stage sets REMINDER_FROM (the CDK context flag reminderFrom); otherwise, and
 * in the local stack, written to the log (the dev stack writes them to its own log line by line).
 */
import type { DeskRow, ReminderAnswer } from '../../contract/review';
import { REVIEW_STATE_LABELS } from '../../contract/review';
import { readEnv } from '../env';
import { logger } from '../http/handler';
import type { Desk } from './desk';

export interface Reminder {
  readonly to: string;
  readonly agency: string;
  readonly subject: string;
  readonly text: string;
}

export type ReminderSink = (r: Reminder) => Promise<void>;

let sink: ReminderSink | undefined;

/** Where reminders go instead of SES or the functions' log (the dev stack's own log; tests). */
export function setReminderSink(s: ReminderSink | undefined): void {
  sink = s;
}

export function reminderFor(desk: Pick<Desk, 'year' | 'officeName'>, row: DeskRow, to: string): Reminder {
  const state = REVIEW_STATE_LABELS[row.state];
  const due = row.overdue
    ? { zh: `已超过截止日期 ${row.deadline}`, en: `was due on ${row.deadline}` }
    : { zh: `截止日期为 ${row.deadline}`, en: `is due on ${row.deadline}` };
  return {
    to,
    agency: row.agency,
    subject: `【年报通】${row.name}：${desk.year}年度政府信息公开工作年度报告${row.overdue ? '已逾期' : '即将到期'} / Annual report ${desk.year} ${row.overdue ? 'overdue' : 'due'}`,
    text: [
      `${row.name}：`,
      `贵机关${desk.year}年度政府信息公开工作年度报告目前为「${state.zh}」，${due.zh}。${row.reason ? `退回理由：${row.reason}。` : ''}请尽快报送。`,
      `——${desk.officeName}`,
      '',
      `${row.name}: your annual report for ${desk.year} is “${state.en}” and ${due.en}.${row.reason ? ` Reason for the return: ${row.reason}.` : ''} Please submit it.`,
    ].join('\n'),
  };
}

async function viaSes(from: string, r: Reminder): Promise<void> {
  // Loaded only when a stage sends e-mail: the SDK's SES client stays out of every other path.
  const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
  const client = new SESv2Client({ region: readEnv().region });
  await client.send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: [r.to] },
      Content: {
        Simple: {
          Subject: { Data: r.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: r.text, Charset: 'UTF-8' } },
        },
      },
    }),
  );
}

/** Sends the desk's reminders; those without an address are answered as unreachable. */
export async function sendReminders(desk: Desk): Promise<ReminderAnswer> {
  const from = readEnv().reminderFrom;
  const channel: ReminderAnswer['channel'] = from && !sink ? 'ses' : 'log';
  const sent: string[] = [];
  const unreachable: string[] = [];
  for (const agency of desk.reminders) {
    const row = desk.rows.find((r) => r.agency === agency)!;
    const to = desk.records.get(agency)?.email;
    if (!to) {
      unreachable.push(agency);
      continue;
    }
    const reminder = reminderFor(desk, row, to);
    if (sink) await sink(reminder);
    else if (from) await viaSes(from, reminder);
    else logger.info('reminder', { to, agency, subject: reminder.subject });
    sent.push(agency);
  }
  return { sent, unreachable, channel };
}
