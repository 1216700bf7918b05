// Kysely table types. Each module's repo is the only code that touches its own tables.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object = object> = JSONColumnType<T, T | string, T | string>;

export interface DivisionsTable {
  code: string;
  name: string;
  name_en: string;
  parent_code: string | null;
  level: 'province' | 'city' | 'district' | 'street' | 'community';
}

export interface UnitsTable {
  code: string;
  name: string;
  name_en: string;
  level: 'province' | 'city' | 'district' | 'street' | 'community';
  kind: string;
  division_code: string;
  parent_code: string | null;
  credit_code: string;
  address: string | null;
  phone: string | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: string;
  display_name: string;
  id_number: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  division_code: string | null;
  unit_code: string | null;
  enterprise_credit_code: string | null;
  enterprise_name: string | null;
  external_subject: string | null;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
  /** migration 016: an admin set the password; every request but the change answers 403 */
  must_change_password: Generated<boolean>;
}

/** migration 016: roles in units beyond users (role, unit_code) */
export interface StaffRolesTable {
  user_id: number;
  unit_code: string;
  role: string;
  granted_by: number | null;
  granted_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  /** migration 016: the role and unit the session acts for (null: the user's own) */
  acting_role: string | null;
  acting_unit_code: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: number | null;
  actor_role: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  reason: string | null;
  detail: Json<Record<string, unknown>>;
  ip: string | null;
}

export interface DataElementsTable {
  code: string;
  doc: Json;
  updated_at: Generated<Date>;
}

export interface MattersTable {
  code: string;
  name: string;
  unit_code: string;
  draft: Json;
  draft_updated_at: Generated<Date>;
  draft_updated_by: number | null;
  published_version: number | null;
}

export interface MatterVersionsTable {
  code: string;
  version: number;
  doc: Json;
  published_at: Generated<Date>;
  published_by: number | null;
}

export interface ThemesTable {
  code: string;
  seq: number;
  name: string;
  lifecycle: 'person' | 'enterprise' | 'project';
  draft: Json;
  draft_updated_at: Generated<Date>;
  draft_updated_by: number | null;
  published_version: number | null;
}

export interface ThemeVersionsTable {
  code: string;
  version: number;
  doc: Json;
  matter_versions: Json<Record<string, number>>;
  published_at: Generated<Date>;
  published_by: number | null;
}

export interface ThemeSearchTable {
  code: string;
  grams: string[];
}

export interface CatalogStateTable {
  id: number;
  generation: number;
}

export interface ApplicationsTable {
  id: Generated<string>;
  number: string;
  theme_code: string;
  theme_version: number;
  applicant_id: number;
  channel: 'web' | 'mobile' | 'counter' | 'on-behalf';
  staff_id: number | null;
  status: string;
  answers: Json<Record<string, string[]>>;
  delivery_way: 'online' | 'express' | 'counter';
  delivery_address: string | null;
  delivery_counter: string | null;
  idempotency_key: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** migration 018: for whom and on what basis; null on older rows */
  applicant_kind: 'person' | 'enterprise' | 'project-owner' | null;
  subject_credit_code: string | null;
  acting_basis: 'self' | 'legal-representative' | 'authorised-agent' | 'counter' | 'on-behalf' | null;
  acting_note: string | null;
  request_hash: string | null;
  life_event_keys: string[] | null;
}

export interface SubcaseInput {
  matter: string;
  field: string;
  element: string;
}

export interface SubcasesTable {
  id: Generated<string>;
  application_id: string;
  seq: number;
  matter_code: string;
  matter_version: number;
  matter_name: string;
  unit_code: string;
  status: string;
  data: Json<Record<string, unknown>>;
  elements: string[];
  inputs: Json<SubcaseInput[]>;
  result: Json<Record<string, unknown>> | null;
  time_limit: Json<{ value: number; unit: 'workday' | 'calendarDay' | 'hour' }>;
  promised_at: Timestamp | null;
  /** a WorkClock with ISO dates */
  clock: Json<{ limitMs: number; startedAt: string; usedBeforePauseMs: number; runningSince: string | null }> | null;
  released_at: Timestamp | null;
  needs: string[];
  created_at: Timestamp;
  updated_at: Timestamp;
  /** the case clock as columns (migration 012); promised_at is the promised due time */
  legal_limit: Json<{ value: number; unit: 'workday' | 'calendarDay' | 'hour' }> | null;
  legal_due_at: Timestamp | null;
  clock_started_at: Timestamp | null;
  running_since: Timestamp | null;
  paused_since: Timestamp | null;
  office_ms_used: ColumnType<string, number | string | undefined, number | string>;
  notice_at: Timestamp | null;
  /** migration 016: the officer of the unit the sub-case is assigned to */
  assigned_officer_id: number | null;
  /** when its fee was paid (migration 022); approval waits for it when the matter has a fee */
  paid_at: Timestamp | null;
}

/** the level the case clock's sweep keeps, beside the sub-case (migration 015): the sweep writes only this narrow row */
export interface SubcaseClockLevelsTable {
  subcase_id: string;
  warning_level: ColumnType<'none' | 'notice' | 'yellow' | 'red', 'none' | 'notice' | 'yellow' | 'red' | undefined, 'none' | 'notice' | 'yellow' | 'red'>;
  level_due_at: Timestamp | null;
}

export interface SmsChallengesTable {
  id: string;
  phone: string;
  purpose: 'register';
  code_hash: string;
  ip: string;
  created_at: Date;
  expires_at: Date;
  attempts: Generated<number>;
  used_at: Date | null;
}

export interface IdentitySettingsTable {
  id: Generated<boolean>;
  sms_code_ttl_minutes: number;
  sms_code_max_attempts: number;
  sms_per_phone_per_hour: number;
  sms_per_ip_per_hour: number;
  sms_resend_seconds: number;
}

export interface OidcPendingLoginsTable {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  created_at: Date;
  expires_at: Date;
}

export interface ApplicationQueryCodesTable {
  application_id: string;
  code: string;
  created_at: Date;
}

export interface ProgressLookupSettingsTable {
  id: Generated<boolean>;
  max_failures: number;
  window_minutes: number;
}

export interface CaseClockSettingsTable {
  id: Generated<boolean>;
  notice_workdays: number;
}

export interface SupplementFilesTable {
  subcase_id: string;
  upload_id: string;
  answered_at: Timestamp;
}

export interface CaseHistoryTable {
  id: Generated<number>;
  case_kind: 'application' | 'subcase';
  case_id: string;
  application_id: string;
  from_status: string | null;
  to_status: string;
  event: string;
  actor_id: number | null;
  actor_role: string | null;
  /** Chinese, or the words of the person who wrote it */
  note: string | null;
  /** the English of a note the platform wrote; null for a person's own words */
  note_en: string | null;
  at: Timestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  /** the event's type */
  topic: string;
  /** the subscription this row delivers the event to */
  subscriber: string;
  key: string;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
  available_at: Timestamp;
  attempts: Generated<number>;
  locked_until: Timestamp | null;
  done_at: Timestamp | null;
  last_error: string | null;
  dead_at: Timestamp | null;
}

export interface NotificationSettingsTable {
  user_id: number;
  email: string | null;
  phone: string | null;
  email_enabled: boolean;
  sms_enabled: boolean;
  updated_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: number;
  kind: string;
  title: Json<{ zh: string; en: string }>;
  body: Json<{ zh: string; en: string }>;
  link: string | null;
  outbox_id: number | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationDeliveriesTable {
  outbox_id: number;
  channel: 'inapp' | 'email' | 'sms';
  recipient: string | null;
  external_id: string | null;
  sent_at: Timestamp;
}

export interface UploadsTable {
  id: Generated<string>;
  owner_id: number;
  name: string;
  size: number;
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  sha256: string;
  created_at: Timestamp;
}

export interface FormDraftsTable {
  user_id: number;
  theme_code: string;
  body: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface ApplicationPromisesTable {
  application_id: string;
  signed_name: string;
  signed_at: Timestamp;
}

export interface ApplicationMaterialsTable {
  application_id: string;
  code: string;
  name_zh: string;
  name_en: string;
  provision: 'upload' | 'deferred' | 'commitment' | 'datahub' | 'certificate' | 'previousResult' | 'paper' | 'generated';
  upload_ids: string[];
  /** 'generated': the person who signed the generated form online, and when */
  signed_by: number | null;
  signed_at: Timestamp | null;
  matters: string[];
  /** YYYY-MM-DD */
  deferred_until: string | null;
  /** 容缺: when the reminder is due; reminded_at once the sweep emitted it */
  remind_at: Timestamp | null;
  reminded_at: Timestamp | null;
}

export interface CounterIntakesTable {
  id: Generated<string>;
  staff_id: number;
  unit_code: string | null;
  applicant_id: number;
  channel: 'counter' | 'on-behalf';
  on_behalf_reason: string | null;
  theme_code: string;
  theme_version: number;
  body: Json<Record<string, unknown>>;
  summary: Json<Record<string, unknown>>;
  idempotency_key: string;
  status: Generated<'awaiting-confirmation' | 'confirmed' | 'declined' | 'expired'>;
  expires_at: Timestamp;
  code_hash: string | null;
  code_expires_at: Timestamp | null;
  code_attempts: Generated<number>;
  code_sent_to: string | null;
  code_sends: Generated<number>;
  confirmed_at: Timestamp | null;
  confirmed_by: number | null;
  confirmation_method: 'account' | 'code' | null;
  application_id: string | null;
  application_number: string | null;
  declined_at: Timestamp | null;
  decline_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoutingRulesTable {
  id: Generated<number>;
  matter_code: string;
  division_code: string;
  unit_code: string;
  note: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

// ---------- dispatch (migrations/008_dispatch.sql) ----------

export interface UnitAdaptersTable {
  unit_code: string;
  kind: 'back-office' | 'push' | 'pull' | 'manual';
  endpoint_url: string | null;
  settings: Json<Record<string, unknown>>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface UnitKeysTable {
  unit_code: string;
  key_id: string;
  secret: string;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface DispatchTasksTable {
  id: string;
  outbox_id: number;
  subcase_id: string;
  unit_code: string;
  kind: 'push' | 'pull' | 'manual';
  event: string;
  sequence: number;
  envelope: Json<Record<string, unknown>>;
  state: Generated<'pending' | 'done'>;
  attempts: Generated<number>;
  leased_until: Timestamp | null;
  external_case_no: string | null;
  entered_by: number | null;
  created_at: Timestamp;
  done_at: Timestamp | null;
}

export interface DispatchSecretsTable {
  name: string;
  secret: string;
}

export interface AdapterSequencesTable {
  subcase_id: string;
  unit_code: string;
  last_sequence: Generated<number>;
  updated_at: Timestamp;
}

export interface AdapterEventsTable {
  unit_code: string;
  event_id: string;
  subcase_id: string;
  sequence: number;
  type: string;
  body: Json<Record<string, unknown>>;
  state: 'parked' | 'applied' | 'failed';
  outcome: Json<Record<string, unknown>> | null;
  received_at: Timestamp;
  applied_at: Timestamp | null;
}

export interface ScheduledTasksTable {
  name: string;
  locked_until: Timestamp | null;
  last_run_at: Timestamp | null;
  last_ok_at: Timestamp | null;
  last_error: string | null;
  last_count: number | null;
}

export interface ReconciliationFindingsTable {
  id: Generated<number>;
  unit_code: string;
  subcase_id: string;
  kind: 'status-differs' | 'sequence-differs' | 'missing-at-unit' | 'unreachable';
  yijian_status: string | null;
  unit_status: string | null;
  yijian_sequence: number | null;
  unit_sequence: number | null;
  detail: Json<Record<string, unknown>>;
  found_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface PaymentsTable {
  id: string;
  subcase_id: string;
  application_id: string;
  order_no: string;
  channel: 'online' | 'counter' | 'unit';
  amount_fen: ColumnType<string, number | string, number | string>;
  status: 'pending' | 'paid' | 'closed' | 'refunding' | 'refunded';
  provider_order_id: string | null;
  pay_url: string | null;
  receipt_no: string | null;
  recorded_by: number | null;
  paid_at: Timestamp | null;
  refund_no: string | null;
  refund_reason: string | null;
  refunded_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaymentCallbacksTable {
  notify_id: string;
  order_no: string;
  outcome: string;
  received_at: Timestamp;
}

export interface DB {
  divisions: DivisionsTable;
  units: UnitsTable;
  users: UsersTable;
  staff_roles: StaffRolesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  data_elements: DataElementsTable;
  matters: MattersTable;
  matter_versions: MatterVersionsTable;
  themes: ThemesTable;
  theme_versions: ThemeVersionsTable;
  theme_search: ThemeSearchTable;
  catalog_state: CatalogStateTable;
  applications: ApplicationsTable;
  subcases: SubcasesTable;
  case_history: CaseHistoryTable;
  case_clock_settings: CaseClockSettingsTable;
  subcase_clock_levels: SubcaseClockLevelsTable;
  supplement_files: SupplementFilesTable;
  outbox: OutboxTable;
  routing_rules: RoutingRulesTable;
  counter_intakes: CounterIntakesTable;
  payments: PaymentsTable;
  payment_callbacks: PaymentCallbacksTable;
  notification_settings: NotificationSettingsTable;
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  uploads: UploadsTable;
  form_drafts: FormDraftsTable;
  application_promises: ApplicationPromisesTable;
  application_materials: ApplicationMaterialsTable;
  unit_adapters: UnitAdaptersTable;
  unit_keys: UnitKeysTable;
  dispatch_tasks: DispatchTasksTable;
  dispatch_secrets: DispatchSecretsTable;
  adapter_sequences: AdapterSequencesTable;
  adapter_events: AdapterEventsTable;
  reconciliation_findings: ReconciliationFindingsTable;
  scheduled_tasks: ScheduledTasksTable;
  sms_challenges: SmsChallengesTable;
  identity_settings: IdentitySettingsTable;
  oidc_pending_logins: OidcPendingLoginsTable;
  application_query_codes: ApplicationQueryCodesTable;
  progress_lookup_settings: ProgressLookupSettingsTable;
}
