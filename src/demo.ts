// The demo municipality across modules: the catalogue's services and their online forms, linked.
import { type ImportProgress, linkOnlineService, seedDemoMunicipality } from './catalog/index.ts';
import type { Db } from './catalog/store.ts';
import { DEMO_FORMS, linkFormToService, seedDemoForms } from './forms/index.ts';

export async function seedDemo(db: Db, progress?: ImportProgress): Promise<{ organisations: number; services: number; forms: number }> {
  const { organisations, services } = await seedDemoMunicipality(db, progress);
  const forms = await seedDemoForms(db);
  for (const [formId, slug] of Object.entries(DEMO_FORMS)) {
    const serviceId = await linkOnlineService(db, slug, `/antrag/${formId}`);
    if (serviceId) await linkFormToService(db, formId, serviceId);
  }
  return { organisations, services, forms: forms.length };
}
