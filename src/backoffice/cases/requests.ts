// Nachforderung: the case worker asks for missing documents with a due date. The request goes into
// the citizen's postbox (with a direct upload link) or, without an account, by mail; the case waits
// in "Rückfrage". When the documents arrive the case returns to review and the assignee is told.
import type { Kysely } from 'kysely';
import { audit } from '../../platform/audit/index.ts';
import type { CaseStatus, Database } from '../../platform/db/schema.ts';
import { formatDay, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { NoPostboxError, type PostboxService } from '../../postbox/index.ts';
import type { CaseRecord } from './store.ts';
import { transition } from './store.ts';
import { allowedNext, workflowFrom } from './workflow.ts';

export interface RequestDeps {
  db: Kysely<Database>;
  postbox: PostboxService;
  publicUrl: string;
  municipality: string;
  wake: () => void;
}

export interface DocumentRequest {
  documents: string[];
  text: string;
  dueAt: Date;
}

export function documentRequests(deps: RequestDeps) {
  const { db } = deps;

  async function requestDocuments(kase: CaseRecord, staffId: string, request: DocumentRequest): Promise<'postbox' | 'mail'> {
    const lang = 'de';
    const t = translator(lang);
    const reference = kase.reference as string;
    const due = formatDay(request.dueAt, lang);
    const list = [...request.documents.map((d) => `- ${d}`), ...(request.text ? ['', request.text] : [])].join('\n');
    const subject = t('bo.request.subject', { reference });
    const body = t('bo.request.body', { reference, list, due, municipality: deps.municipality });
    let channel: 'postbox' | 'mail' = 'postbox';
    try {
      await deps.postbox.send({ applicationId: kase.id, kind: 'nachforderung', subject, body, dueAt: request.dueAt });
    } catch (error) {
      if (!(error instanceof NoPostboxError) || !kase.email) throw error;
      // Without an account the request goes by mail; answering needs the account (claim by reference).
      channel = 'mail';
      await queueMail(db, {
        to: kase.email,
        subject,
        body: `${body}\n\n${t('bo.request.noAccount', { url: `${deps.publicUrl}/konto/registrieren`, reference })}`,
      });
      deps.wake();
    }
    const current = (kase.case_status ?? 'eingegangen') as CaseStatus;
    if (allowedNext(current, workflowFrom(kase.workflow)).includes('rueckfrage'))
      await transition(db, kase.id, current, 'rueckfrage', staffId, t('bo.request.event', { due }));
    await audit(db, {
      actorType: 'staff',
      actorId: staffId,
      action: 'case.request_documents',
      objectType: 'application',
      objectId: kase.id,
      details: { ...request, channel },
    });
    return channel;
  }

  /** Documents arrived: back into review (if the case waited for them), and the assignee gets a mail. */
  async function documentsArrived(applicationId: string): Promise<void> {
    const row = await db
      .selectFrom('applications as a')
      .leftJoin('staff_users as u', 'u.id', 'a.assignee_id')
      .select(['a.case_status', 'a.reference', 'u.email'])
      .where('a.id', '=', applicationId)
      .executeTakeFirst();
    if (!row) return;
    const t = translator('de');
    if (row.case_status === 'rueckfrage') {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('applications')
          .set({ case_status: 'in_pruefung' })
          .where('id', '=', applicationId)
          .where('case_status', '=', 'rueckfrage')
          .execute();
        await trx
          .insertInto('application_events')
          .values({ application_id: applicationId, status: 'in_pruefung', note: t('bo.request.arrived'), actor_id: null })
          .execute();
      });
      await audit(db, { actorType: 'system', actorId: 'postbox', action: 'case.documents_arrived', objectType: 'application', objectId: applicationId });
    }
    if (row.email) {
      await queueMail(db, {
        to: row.email,
        subject: t('bo.request.arrivedSubject', { reference: row.reference ?? '' }),
        body: t('bo.request.arrivedBody', { reference: row.reference ?? '', url: `${deps.publicUrl}/backoffice/vorgaenge/${applicationId}` }),
      });
      deps.wake();
    }
  }

  return { requestDocuments, documentsArrived };
}

export type DocumentRequests = ReturnType<typeof documentRequests>;
