// The OZG maturity (Reifegrad 0–4) of a service, computed from what actually runs on the platform,
// with the criteria it meets and what is missing for the next level. Pure: the facts come from the
// store, the words from the message catalogue.
//   0 no information · 1 information published · 2 online form · 3 fully online (eID at the required
//   level, proofs uploadable, notice into the postbox, no step on paper) · 4 once-only (prefilled
//   from a register or the confirmed identity)
export type Reifegrad = 0 | 1 | 2 | 3 | 4;
export const LEVELS: readonly Reifegrad[] = [0, 1, 2, 3, 4];

export type Criterion = 'information' | 'onlineForm' | 'eid' | 'proofs' | 'postbox' | 'noPaper' | 'onceOnly';

/** The criteria each level adds to the one below. */
export const LEVEL_CRITERIA: Record<Exclude<Reifegrad, 0>, Criterion[]> = {
  1: ['information'],
  2: ['onlineForm'],
  3: ['eid', 'proofs', 'postbox', 'noPaper'],
  4: ['onceOnly'],
};

export interface MaturityFacts {
  /** The service's information is published in the catalogue. */
  published: boolean;
  /** The service's own published online form, as far as maturity cares. */
  form?: {
    /** The eID trust level the form requires, if any. */
    trustLevel?: string;
    hasUpload: boolean;
    /** Some field is filled in from the confirmed identity or a register. */
    prefilled: boolean;
  };
  /** An online service elsewhere (EfA service of another Land, vendor product) is linked instead. */
  externalOnline: boolean;
  /** The service asks for documents (proofs) to be handed in. */
  requiresDocuments: boolean;
  noticeToPostbox: boolean;
  paperStep: boolean;
  override?: { level: Reifegrad; reason: string };
}

export interface Maturity {
  /** What counts: the override where there is one, else the computed level. */
  level: Reifegrad;
  computed: Reifegrad;
  override?: { level: Reifegrad; reason: string };
  met: Criterion[];
  /** What the next level above the computed one still needs (empty at 4). */
  missing: Criterion[];
  /** The online service runs elsewhere: levels above 2 cannot be checked here. */
  external: boolean;
}

function criterionMet(c: Criterion, f: MaturityFacts): boolean {
  switch (c) {
    case 'information':
      return f.published;
    case 'onlineForm':
      return f.form !== undefined || f.externalOnline;
    case 'eid':
      return f.form?.trustLevel !== undefined;
    case 'proofs':
      return f.form !== undefined && (!f.requiresDocuments || f.form.hasUpload);
    case 'postbox':
      return f.form !== undefined && f.noticeToPostbox;
    case 'noPaper':
      return f.form !== undefined && !f.paperStep;
    case 'onceOnly':
      return f.form?.prefilled === true;
  }
}

export function computeMaturity(facts: MaturityFacts): Maturity {
  const all = Object.values(LEVEL_CRITERIA).flat();
  const met = all.filter((c) => criterionMet(c, facts));
  let computed: Reifegrad = 0;
  for (const level of [1, 2, 3, 4] as const) {
    if (!LEVEL_CRITERIA[level].every((c) => met.includes(c))) break;
    computed = level;
  }
  const next = computed < 4 ? LEVEL_CRITERIA[(computed + 1) as Exclude<Reifegrad, 0>] : [];
  return {
    level: facts.override?.level ?? computed,
    computed,
    override: facts.override,
    met,
    missing: next.filter((c) => !met.includes(c)),
    external: facts.form === undefined && facts.externalOnline,
  };
}
