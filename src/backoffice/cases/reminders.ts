// The daily reminder: every active case worker whose offices have overdue cases gets one mail a day
// with the count and a link to the overdue view (no personal data in the mail).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { OPEN_STATUSES } from './workflow.ts';

/** Today in Germany as YYYY-MM-DD. */
const todayInGermany = (now: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(now);

export async function remindOverdue(db: Kysely<Database>, publicUrl: string, now = new Date()): Promise<number> {
  const today = todayInGermany(now);
  const due = await db
    .selectFrom('staff_users as u')
    .innerJoin('staff_memberships as m', 'm.user_id', 'u.id')
    .innerJoin('service_organisations as so', 'so.organisation_id', 'm.organisation_id')
    .innerJoin('applications as a', 'a.service_id', 'so.service_id')
    .select(['u.id', 'u.email', (e) => e.fn.count<string>(sql`DISTINCT a.id`).as('n')])
    .where('u.active', '=', true)
    .where((e) => e.or([e('u.reminded_on', 'is', null), e('u.reminded_on', '<', today)]))
    .where(sql<boolean>`u.roles && ARRAY['sachbearbeitung', 'teamleitung']::text[]`)
    .where('a.status', '=', 'submitted')
    .where('a.case_status', 'in', OPEN_STATUSES)
    .where('a.due_at', '<', now)
    .groupBy(['u.id', 'u.email'])
    .execute();
  const t = translator('de');
  for (const row of due) {
    await queueMail(db, {
      to: row.email,
      subject: t('bo.reminder.subject', { count: Number(row.n) }),
      body: t('bo.reminder.body', { count: Number(row.n), url: `${publicUrl}/backoffice?overdue=1&sort=due` }),
    });
    await db.updateTable('staff_users').set({ reminded_on: today }).where('id', '=', row.id).execute();
  }
  return due.length;
}
