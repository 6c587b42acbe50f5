// Kysely table types; one interface per table, kept in step with migrations/.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type ReadOnly<T> = ColumnType<T, never, never>;

export interface ThemenfeldTable {
  id: number;
  name: string;
  slug: string;
}

export interface LebenslageTable {
  id: number;
  name: string;
  themenfeld_id: number;
}

export interface OzgLeistungTable {
  ozg_id: number;
  name: string;
  lebenslage_id: number;
  themenfeld_id: number;
}

export interface LeikaLeistungTable {
  id: Generated<number>;
  catalog_key: string;
  leistungsschluessel: string | null;
  name: string;
  ozg_id: number | null;
  typisierung: string | null;
  rechtsgrundlage: string | null;
  gesetze: string | null;
  gesetz_kuerzel: string | null;
  sdg1_relevant: boolean;
  sdg2_relevant: boolean;
  search_doc: ReadOnly<string>;
  search_text: ReadOnly<string>;
}

export interface OrganisationTable {
  id: Generated<string>;
  slug: string;
  name: string;
  street: string;
  postal_code: string;
  city: string;
  opening_hours: string;
  phone: string;
  email: string;
  website: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ServiceTable {
  id: Generated<string>;
  slug: string;
  title: string;
  title_en: string;
  summary: string;
  description: string;
  prerequisites: string[];
  required_documents: string[];
  fee_cents: number | null;
  fee_text: string;
  processing_time: string;
  deadlines: string;
  legal_basis: string;
  organisation_id: string | null;
  online_service_url: string | null;
  leika_key: string | null;
  ozg_id: number | null;
  keywords: string[];
  /** The live record's state; changes to its texts go through `service_versions`. */
  status: 'draft' | 'published' | 'archived';
  last_reviewed: string | null;
  /** Processing deadline in days after receipt (Bearbeitungsfrist), for the back office. */
  processing_days: Generated<number>;
  /** The service's case workflow (allowed transitions per status); null means the default. */
  workflow: ColumnType<Partial<Record<CaseStatus, CaseStatus[]>> | null, string | null | undefined, string | null>;
  /** Notices (Bescheide) are delivered into the citizen's postbox; false: sent on paper. */
  notice_to_postbox: Generated<boolean>;
  /** The process still needs a step on paper or in person (original documents, appearance). */
  paper_step: Generated<boolean>;
  /** The OZG coordination's own assessment of the Reifegrad, over the computed one, with its reason. */
  maturity_override: number | null;
  maturity_override_reason: string | null;
  /** Portalverbund: the feed a service was imported from (null: the municipality's own). */
  federation_source: Generated<string | null>;
  federation_remote_id: Generated<string | null>;
  /** The responsible office as the source portal describes it. */
  federation_org: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  search_doc: ReadOnly<string>;
  search_text: ReadOnly<string>;
}

export type ServiceVersionState = 'draft' | 'review' | 'published';

export interface ServiceVersionTable {
  id: Generated<string>;
  service_id: string;
  number: number;
  state: Generated<ServiceVersionState>;
  /** The version's content (catalog/editorial.ts `ServiceContent`). */
  content: ColumnType<unknown, string, string>;
  /** What was live when the draft began; null for a service never published. */
  base: ColumnType<unknown, string | null, string | null>;
  editor_ids: string[];
  lock_version: Generated<number>;
  approved_by: string | null;
  published_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ServiceReviewTable {
  id: Generated<string>;
  version_id: string;
  staff_id: string | null;
  decision: 'submitted' | 'returned' | 'approved';
  comment: Generated<string>;
  created_at: Generated<Date>;
}

export interface DigicheckCheckTable {
  id: Generated<string>;
  department: string;
  organisation_id: string | null;
  interviewer_id: string | null;
  fields: string[];
  questionnaire: ColumnType<unknown, string, string>;
  measures: ColumnType<unknown, string, string>;
  /** The first day of the roadmap's first quarter. */
  plan_start: ColumnType<string, string, string>;
  budget_cents: ColumnType<string, number | undefined, number>;
  capacity_days: Generated<number>;
  plan_edits: ColumnType<unknown, string | undefined, string>;
  completed_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DigicheckModelTable {
  id: Generated<string>;
  questionnaire: ColumnType<unknown, string, string>;
  measures: ColumnType<unknown, string, string>;
  uploaded_by: string | null;
  created_at: Generated<Date>;
}

export interface DigicheckParticipantTable {
  id: Generated<string>;
  check_id: string;
  name: string;
  role: 'staff' | 'manager';
  /** SHA-256 of the participant's invitation link secret, and when the link ends. */
  invite_hash: ColumnType<string | null, string | null | undefined, string | null>;
  invite_expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Generated<Date>;
}

export interface DigicheckAnswerTable {
  participant_id: string;
  question_id: string;
  level: number | null;
  not_applicable: Generated<boolean>;
  note: Generated<string>;
  updated_at: Generated<Date>;
}

export interface ServiceLebenslageTable {
  service_id: string;
  lebenslage_id: number;
}

export interface CodeListTable {
  canonical_uri: string;
  version: string;
  canonical_version_uri: string;
  short_name: string;
  long_name: string;
  entries: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FormTable {
  id: string;
  title: string;
  service_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FormVersionTable {
  form_id: string;
  version: number;
  status: 'draft' | 'published';
  definition: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

export interface ApplicationTable {
  id: Generated<string>;
  form_id: string;
  form_version: number;
  status: 'draft' | 'submitted';
  answers: ColumnType<unknown, string | undefined, string>;
  access_hash: string;
  account_id: string | null;
  email: string | null;
  lang: 'de' | 'en';
  reference: string | null;
  expires_at: Timestamp | null;
  expiry_warned_at: Timestamp | null;
  submitted_at: Timestamp | null;
  receipt_key: string | null;
  receipt_sha256: string | null;
  on_behalf_of: ColumnType<OnBehalfOf | null, string | null | undefined, string | null>;
  /** Ids of fields prefilled from the eID identity. */
  prefilled: ColumnType<string[], string | undefined, string>;
  /** The back office's view of a submitted application (null for drafts). */
  service_id: string | null;
  case_status: CaseStatus | null;
  assignee_id: string | null;
  due_at: Date | null;
  applicant_name: Generated<string>;
  case_search: ReadOnly<string>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

/** The organisation a business account applied for. */
export interface OnBehalfOf {
  name: string;
  register: string;
}

export type TrustLevel = 'niedrig' | 'substantiell' | 'hoch';
export type CaseStatus = 'eingegangen' | 'in_pruefung' | 'rueckfrage' | 'entschieden' | 'abgeschlossen' | 'zurueckgezogen' | 'weitergeleitet';

/** Every case status in workflow order. */
export const CASE_STATUSES: readonly CaseStatus[] = [
  'eingegangen',
  'in_pruefung',
  'rueckfrage',
  'entschieden',
  'abgeschlossen',
  'zurueckgezogen',
  'weitergeleitet',
];

export interface AccountTable {
  id: Generated<string>;
  email: string | null;
  email_verified_at: Date | null;
  password_hash: string | null;
  given_name: string | null;
  family_name: string | null;
  organisation_name: string | null;
  organisation_register: string | null;
  notify_by_mail: Generated<boolean>;
  lang: Generated<'de' | 'en'>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AccountIdentityTable {
  issuer: string;
  subject: string;
  account_id: string;
  created_at: Generated<Date>;
}

export interface AccountSessionTable {
  token_hash: string;
  account_id: string;
  trust_level: TrustLevel;
  identity: ColumnType<Record<string, string>, string | undefined, string>;
  user_agent: Generated<string>;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
}

export interface AccountTokenTable {
  token_hash: string;
  account_id: string;
  purpose: 'verify' | 'reset' | 'email' | 'claim';
  payload: ColumnType<Record<string, string>, string | undefined, string>;
  expires_at: Date;
  used_at: Date | null;
  created_at: Generated<Date>;
}

/** Something counted for a rate limit: a failed sign-in (`account:`, `ip:`) or a mail sent (`mail:`). */
export interface RateEventTable {
  key: string;
  at: Generated<Date>;
}

export interface ApplicationEventTable {
  id: Generated<string>;
  application_id: string;
  status: CaseStatus;
  note: Generated<string>;
  /** The staff member who made the change; null for the portal (submission). */
  actor_id: string | null;
  created_at: Generated<Date>;
}

export interface MessageTable {
  id: Generated<string>;
  account_id: string | null;
  application_id: string | null;
  direction: 'to_citizen' | 'from_citizen';
  kind: Generated<'message' | 'nachforderung' | 'bescheid'>;
  reply_to: string | null;
  subject: string;
  body: string;
  read_at: Date | null;
  archived_at: Date | null;
  /** For a Nachforderung: by when the documents are due. */
  due_at: Date | null;
  created_at: Generated<Date>;
}

export interface MessageAttachmentTable {
  id: string;
  message_id: string;
  filename: string;
  media_type: string;
  size_bytes: ColumnType<string, number, never>;
  sha256: string;
  storage_key: string;
  created_at: Generated<Date>;
}

export interface UploadTable {
  id: string;
  application_id: string;
  field_path: string;
  filename: string;
  media_type: string;
  size_bytes: ColumnType<string, number, never>;
  sha256: string;
  storage_key: string;
  created_at: Generated<Date>;
}

export interface BlobTable {
  key: string;
  data: Buffer;
  created_at: Generated<Date>;
}

export interface JobTable {
  id: Generated<string>;
  kind: string;
  payload: ColumnType<unknown, string, string>;
  status: Generated<'pending' | 'running' | 'done' | 'dead'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Generated<Date>;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MailTable {
  id: Generated<string>;
  recipient: string;
  subject: string;
  body: string;
  attachments: ColumnType<MailAttachmentRef[], string | undefined, string>;
  status: Generated<'pending' | 'sent' | 'kept' | 'failed'>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

/** A mail attachment is a stored blob, named for the recipient. */
export interface MailAttachmentRef {
  filename: string;
  blobKey: string;
  mediaType: string;
}

export type StaffRole = 'sachbearbeitung' | 'teamleitung' | 'redaktion' | 'ozg_koordination' | 'administration';

export type NoticeOutcome = 'bewilligt' | 'abgelehnt' | 'teilweise';

/** A Bescheid as issued: never changed afterwards, only superseded by a new one with a reason. */
export interface NoticeTable {
  id: Generated<string>;
  application_id: string;
  outcome: NoticeOutcome;
  body: string;
  legal_remedy: string;
  fee_cents: number;
  pdf_key: string;
  sha256: string;
  issued_by: string | null;
  issued_at: Generated<Date>;
  supersedes: string | null;
  supersede_reason: string | null;
}

/** Submitted applications per service and case status, kept by a trigger (the inbox's counts). */
export interface CaseCountTable {
  service_id: string;
  case_status: CaseStatus;
  /** The writing connection's slot (0–15); a count is the sum over the slots. */
  slot: ColumnType<number, never, never>;
  n: ColumnType<string, never, never>;
}

/** A service's Bescheidvorlage: the text a case worker starts from. */
export interface NoticeTemplateTable {
  id: Generated<string>;
  service_id: string;
  name: string;
  outcome: NoticeOutcome;
  body: string;
  legal_remedy: string;
  fee_cents: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseNoteTable {
  id: Generated<string>;
  application_id: string;
  author_id: string | null;
  body: string;
  created_at: Generated<Date>;
}

export interface StaffUserTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  roles: ColumnType<StaffRole[], StaffRole[] | undefined, StaffRole[]>;
  /** Encrypted with a key derived from SESSION_SECRET (platform/secrets.ts). */
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  /** The time step of the last accepted code: a code is never accepted twice. */
  /** Subject at the staff OIDC provider, bound at the first sign-in through it. */
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>;
  totp_last_step: ColumnType<string | null, number | null | undefined, number | null>;
  active: Generated<boolean>;
  last_sign_in_at: Date | null;
  /** The day (Germany) the last overdue reminder went out, so it goes once a day. */
  reminded_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StaffMembershipTable {
  user_id: string;
  organisation_id: string;
}

export interface ServiceOrganisationTable {
  service_id: string;
  organisation_id: string;
}

export interface StaffSessionTable {
  token_hash: string;
  user_id: string;
  /** `password`: the password was right, the TOTP code is still due. */
  stage: 'password' | 'complete';
  user_agent: Generated<string>;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, string, never>;
  actor_type: 'staff' | 'system' | 'integration';
  actor_id: string;
  action: string;
  object_type: string;
  object_id: string;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  prev_hash: string;
  hash: string;
}

export interface Database {
  themenfelder: ThemenfeldTable;
  lebenslagen: LebenslageTable;
  ozg_leistungen: OzgLeistungTable;
  leika_leistungen: LeikaLeistungTable;
  organisations: OrganisationTable;
  services: ServiceTable;
  service_lebenslagen: ServiceLebenslageTable;
  service_versions: ServiceVersionTable;
  digicheck_checks: DigicheckCheckTable;
  digicheck_models: DigicheckModelTable;
  digicheck_participants: DigicheckParticipantTable;
  digicheck_answers: DigicheckAnswerTable;
  service_reviews: ServiceReviewTable;
  code_lists: CodeListTable;
  forms: FormTable;
  form_versions: FormVersionTable;
  applications: ApplicationTable;
  uploads: UploadTable;
  blobs: BlobTable;
  jobs: JobTable;
  mails: MailTable;
  accounts: AccountTable;
  account_identities: AccountIdentityTable;
  account_sessions: AccountSessionTable;
  account_tokens: AccountTokenTable;
  rate_events: RateEventTable;
  application_events: ApplicationEventTable;
  messages: MessageTable;
  message_attachments: MessageAttachmentTable;
  staff_users: StaffUserTable;
  staff_memberships: StaffMembershipTable;
  service_organisations: ServiceOrganisationTable;
  staff_sessions: StaffSessionTable;
  audit_log: AuditLogTable;
  case_notes: CaseNoteTable;
  notices: NoticeTable;
  notice_templates: NoticeTemplateTable;
  case_counts: CaseCountTable;
  integrations: IntegrationTable;
  handoff_targets: HandoffTargetTable;
  handoff_deliveries: HandoffDeliveryTable;
  status_events: StatusEventTable;
  ozg_plans: OzgPlanTable;
  ozg_leistung_plans: Omit<OzgPlanTable, 'service_id'> & { ozg_id: number };
  ozg_milestones: OzgMilestoneTable;
  form_starts: FormStartTable;
  match_rejections: MatchRejectionTable;
  federation_sources: FederationSourceTable;
}

export interface IntegrationTable {
  id: Generated<string>;
  name: string;
  client_id: string;
  secret_hash: string;
  api_key_hash: string | null;
  /** SHA-256 of the client certificate the API key is bound to (mutual TLS at the proxy). */
  cert_sha256: string | null;
  service_ids: ColumnType<string[], string[] | undefined, string[]>;
  operations: ColumnType<string[], string[] | undefined, string[]>;
  active: Generated<boolean>;
  last_used_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type HandoffKind = 'webhook' | 'email' | 'fitconnect' | 'pull';

export interface HandoffTargetTable {
  id: Generated<string>;
  service_id: string;
  kind: HandoffKind;
  name: string;
  condition: ColumnType<unknown, string | null | undefined, string | null>;
  settings: ColumnType<Record<string, unknown>, string, string>;
  /** Encrypted with SESSION_SECRET: the webhook signing secret or the FIT-Connect client secret. */
  secret: string | null;
  integration_id: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type DeliveryState = 'queued' | 'delivered' | 'failed' | 'cancelled' | 'available' | 'acknowledged';

export interface HandoffDeliveryTable {
  id: Generated<string>;
  application_id: string;
  target_id: string;
  state: DeliveryState;
  job_id: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  remote_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StatusEventTable {
  integration_id: string;
  event_id: string;
  application_id: string;
  status: string;
  created_at: Generated<Date>;
}

export interface OzgPlanTable {
  service_id: string;
  responsible_person: Generated<string>;
  /** KDN reference code `prioritaet` id: 1 nicht festgelegt, 2 niedrig, 3 mittel, 4 hoch. */
  priority: Generated<number>;
  /** KDN reference code `status` id: 1 offen, 2 in Planung, 3 in Bearbeitung, 4 umgesetzt. */
  status: Generated<number>;
  /** Planned go-live, as YYYY-MM-DD. */
  target_date: ColumnType<string | null, string | null | undefined, string | null>;
  solution: Generated<'open' | 'own' | 'efa' | 'vendor'>;
  solution_detail: Generated<string>;
  notes: Generated<string>;
  updated_at: Generated<Date>;
}

export interface OzgMilestoneTable {
  id: Generated<string>;
  /** Exactly one of the two: a local service, or an OZG-Leistung without one yet. */
  service_id: string | null;
  ozg_id: number | null;
  title: string;
  due_date: ColumnType<string, string, string>;
  done_at: Date | null;
  created_at: Generated<Date>;
}

/** Drafts started per form and month (kept by a trigger; drafts themselves expire). */
export interface FormStartTable {
  form_id: string;
  month: ColumnType<string, string, string>;
  started: number;
}

export interface MatchRejectionTable {
  service_id: string;
  leistungsschluessel: string;
  rejected_at: Generated<Date>;
}

export interface FederationSourceTable {
  url: string;
  name: string;
  /** The feed's generation time of the last complete sync: the next one asks for changes since. */
  synced_until: Date | null;
  last_error: string | null;
  updated_at: Generated<Date>;
}
