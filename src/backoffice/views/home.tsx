// The back office's start page: who is signed in, with which roles, for which Organisationseinheiten.
import type { ViewContext } from '../../platform/views/context.ts';
import { BackofficeLayout, type StaffViewer } from './layout.tsx';

export function HomePage({ ctx, viewer, organisations }: { ctx: ViewContext; viewer: StaffViewer; organisations: string[] }) {
  const { t } = ctx;
  return (
    <BackofficeLayout ctx={ctx} title={t('bo.home.title')} staff={viewer}>
      <h1 class="kern-heading-large">{t('bo.home.title')}</h1>
      <p class="kern-body">
        {t('bo.home.lead', {
          name: viewer.name,
          roles: viewer.roles.map((r) => t(`bo.roles.${r}`)).join(', '),
          organisations: organisations.length > 0 ? organisations.join(', ') : t('bo.home.none'),
        })}
      </p>
    </BackofficeLayout>
  );
}
