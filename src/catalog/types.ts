// Domain types of the catalogue: the federal OZG/LeiKa catalogue and the municipality's own Leistungen.

export interface ThemenfeldRow {
  id: number;
  name: string;
  slug: string;
}

export interface LebenslageRow {
  id: number;
  name: string;
  themenfeldId: number;
}

export interface OzgLeistungRow {
  ozgId: number;
  name: string;
  lebenslageId: number;
  themenfeldId: number;
}

export interface LeikaRow {
  /** Leistungsschlüssel, or "ozgId|name" for the entries the catalogue lists as "nicht im LeiKa". */
  catalogKey: string;
  leistungsschluessel: string | null;
  name: string;
  /** Null for LeiKa Leistungen that the OZG catalogue does not map (e.g. police matters). */
  ozgId: number | null;
  typisierung: string | null;
  rechtsgrundlage: string | null;
  gesetze: string | null;
  gesetzKuerzel: string | null;
  sdg1Relevant: boolean;
  sdg2Relevant: boolean;
}

export interface Organisation {
  slug: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  openingHours: string;
  phone: string;
  email: string;
  website: string;
}

/** Entwurf (never published), veröffentlicht, archiviert (withdrawn from the portal). */
export type ServiceStatus = 'draft' | 'published' | 'archived';

/** What a Leistung tells citizens, in every form it takes (import, editorial version, detail). */
export interface ServiceTexts {
  title: string;
  titleEn: string;
  summary: string;
  description: string;
  prerequisites: string[];
  requiredDocuments: string[];
  /** Fee in integer cents; null when the fee depends on the case (then feeText explains). */
  feeCents: number | null;
  feeText: string;
  processingTime: string;
  deadlines: string;
  legalBasis: string;
}

/** A Leistung as the municipality describes it to citizens. */
export interface ServiceInput extends ServiceTexts {
  slug: string;
  organisationSlug: string;
  onlineServiceUrl: string | null;
  leikaKey: string | null;
  ozgId: number | null;
  lebenslageIds: number[];
  keywords: string[];
  status: ServiceStatus;
  lastReviewed: string | null;
}

export interface ServiceDetail extends Omit<ServiceInput, 'organisationSlug' | 'lebenslageIds'> {
  id: string;
  /** The portal a federated service comes from, with its feed's address. */
  source: { name: string; url: string } | null;
  organisation: Organisation | null;
  ozgLeistung: { ozgId: number; name: string } | null;
  themenfeld: { id: number; name: string; slug: string } | null;
  lebenslagen: { id: number; name: string }[];
  updatedAt: string;
}

export interface ServiceHit {
  id: string;
  slug: string;
  title: string;
  titleEn: string;
  summary: string;
  /** Summary with matches wrapped in HIGHLIGHT_START/END markers (never HTML). */
  snippet: string;
  ozgId: number | null;
  leikaKey: string | null;
  themenfeld: string | null;
  onlineServiceUrl: string | null;
  /** The portal a federated service comes from (Portalverbund); null for the municipality's own. */
  source: string | null;
  score: number;
}

export interface LeikaHit {
  leistungsschluessel: string | null;
  name: string;
  ozgId: number | null;
  ozgLeistung: string | null;
  themenfeld: string | null;
  score: number;
}

export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';
