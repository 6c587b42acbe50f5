// The journey as the step pages show it: position, titles, which steps can be opened.
import { type Answers, type FormDefinition, journey, plainText } from '../forms/index.ts';

export interface JourneyView {
  index: number;
  previous: string | undefined;
  allComplete: boolean;
  steps: { id: string; title: string; complete: boolean; reachable: boolean }[];
}

export function journeyView(def: FormDefinition, answers: Answers, stepId: string, lang: 'de' | 'en'): JourneyView {
  const steps = journey(def, answers);
  const index = steps.findIndex((s) => s.id === stepId);
  const firstOpen = steps.findIndex((s) => !s.complete);
  return {
    index: Math.max(0, index),
    previous: index > 0 ? steps[index - 1]?.id : undefined,
    allComplete: firstOpen === -1,
    steps: steps.map((s, i) => ({
      id: s.id,
      title: plainText(def.steps.find((d) => d.id === s.id)?.title ?? { de: s.id }, lang),
      complete: s.complete,
      reachable: firstOpen === -1 || i <= firstOpen,
    })),
  };
}
