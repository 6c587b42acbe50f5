// Deliveries to Fachverfahren for administrators: inspect, deliver again, cancel. Every action is
// audited; the list and a delivery show reference numbers and errors, no answers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DeliveryRow, HandoffAdmin } from '../../handoff/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { decodeKeyset, encodeKeyset } from '../../platform/http/api.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import { formatMoment, type Lang } from '../../platform/i18n/index.ts';
import { sendPage } from '../../platform/views/render.ts';
import { staffOr } from '../http.ts';
import { DELIVERIES, DELIVERY_STATES, DeliveriesPage, DeliveryPage, type DeliveryView } from '../views/deliveries.tsx';
import { viewerOf } from './users.tsx';

const PAGE = 50;
type ListRoute = { Querystring: { status?: string; aktenzeichen?: string; vor?: string } };
type OneRoute = { Params: { id: string }; Querystring: { erledigt?: string } };

const when = (date: Date | null, lang: Lang) => (date ? formatMoment(date, lang) : undefined);

const viewOf = (d: DeliveryRow, lang: Lang): DeliveryView => ({
  ...d,
  createdAt: formatMoment(d.createdAt, lang),
  lastAttemptAt: when(d.lastAttemptAt, lang),
  deliveredAt: when(d.deliveredAt, lang),
  nextAttemptAt: when(d.nextAttemptAt, lang),
});

export function registerDeliveries(app: FastifyInstance, deps: { db: Kysely<Database>; handoff: HandoffAdmin }): void {
  const { db, handoff } = deps;
  const admin = (request: FastifyRequest, reply: FastifyReply) => staffOr(request, reply, 'administration');

  app.get<ListRoute>(DELIVERIES, async (request, reply) => {
    const session = admin(request, reply);
    if (!session) return reply;
    const state = DELIVERY_STATES.find((s) => s === request.query.status);
    const reference = request.query.aktenzeichen?.trim().toUpperCase().slice(0, 40) ?? '';
    const [rows, counts] = await Promise.all([
      handoff.listDeliveries({ state, reference: reference || undefined, before: decodeKeyset(request.query.vor) }, PAGE + 1),
      handoff.countDeliveries(),
    ]);
    const page = rows.slice(0, PAGE);
    return sendPage(
      noStore(reply),
      <DeliveriesPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        rows={page.map((d) => viewOf(d, request.lang))}
        counts={counts}
        filter={{ state, reference }}
        next={rows.length > PAGE && page.length > 0 ? encodeKeyset(page.at(-1) as DeliveryRow) : undefined}
      />,
    );
  });

  app.get<OneRoute>(`${DELIVERIES}/:id`, async (request, reply) => {
    const session = admin(request, reply);
    if (!session) return reply;
    const delivery = await handoff.findDelivery(request.params.id);
    if (!delivery) throw new HttpError(404, 'not-found', 'Not found');
    const done = request.query.erledigt;
    const notices = {
      erneut: { kind: 'success' as const, title: request.t('bo.deliveries.retry'), text: request.t('bo.deliveries.retried') },
      abgebrochen: { kind: 'success' as const, title: request.t('bo.deliveries.cancel'), text: request.t('bo.deliveries.cancelled') },
      nicht: { kind: 'warning' as const, title: request.t('bo.deliveries.state'), text: request.t('bo.deliveries.notNow') },
    };
    return sendPage(
      noStore(reply),
      <DeliveryPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        delivery={viewOf(delivery, request.lang)}
        notice={done === 'erneut' || done === 'abgebrochen' || done === 'nicht' ? notices[done] : undefined}
      />,
    );
  });

  const action = (path: string, act: (id: string) => Promise<boolean>, audited: string, done: string) =>
    app.post<OneRoute>(`${DELIVERIES}/:id/${path}`, async (request, reply) => {
      const session = admin(request, reply);
      if (!session) return reply;
      const delivery = await handoff.findDelivery(request.params.id);
      if (!delivery) throw new HttpError(404, 'not-found', 'Not found');
      const acted = await act(delivery.id);
      if (acted) {
        await audit(db, {
          actorType: 'staff',
          actorId: session.user.id,
          action: audited,
          objectType: 'delivery',
          objectId: delivery.id,
          details: { reference: delivery.reference, target: delivery.targetName, from: delivery.state },
        });
      }
      return reply.redirect(`${DELIVERIES}/${delivery.id}?erledigt=${acted ? done : 'nicht'}`, 303);
    });
  action('erneut', (id) => handoff.retry(id), 'handoff.retry', 'erneut');
  action('abbrechen', (id) => handoff.cancel(id), 'handoff.cancel', 'abgebrochen');
}
