// A compact way to write demo Leistungen; defaults fill what every demo service shares.
import type { ServiceInput } from '../types.ts';

export type DemoService = Omit<ServiceInput, 'lebenslageIds' | 'status' | 'lastReviewed' | 'onlineServiceUrl' | 'deadlines'> & {
  online?: boolean;
  deadlines?: string;
};

export function defineServices(services: DemoService[]): ServiceInput[] {
  return services.map(({ online, ...s }) => ({
    deadlines: '',
    ...s,
    onlineServiceUrl: online ? `https://online.musterstadt.example/${s.slug}` : null,
    lebenslageIds: [],
    status: 'published',
    lastReviewed: '2026-10-01',
  }));
}
