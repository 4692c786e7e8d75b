/**
 * Control database: everything that is not owned by one studio — who the
 * users are, which studios exist, who belongs where, and where each studio's
 * own database lives (the tenant directory).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('member_role', ['owner', 'manager', 'engineer', 'assistant']);
export const planEnum = pgEnum('plan', ['starter', 'pro', 'enterprise']);
export const tenantStateEnum = pgEnum('tenant_state', ['provisioning', 'active', 'failed', 'suspended']);
/**
 * Where a studio's plan comes from (issue 12): `trial` (14 days of Pro, no card), `active` (a paid subscription, or a
 * plan set by the operator), `past_due` (a renewal failed: grace until `grace_ends_at`), `canceled` (the subscription
 * ended). The standing the app acts on (trial / active / past due / read-only / suspended) is derived from it with the
 * dates, in @rsm/shared/standing: a trial or a grace period ends without any job having to run.
 */
export const billingStatusEnum = pgEnum('billing_status', ['trial', 'active', 'past_due', 'canceled']);
export const billingIntervalEnum = pgEnum('billing_interval', ['monthly', 'yearly']);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale').notNull().default('en'),
    /** Two-factor sign-in (ADR 0019): the TOTP secret, AES-256-GCM encrypted; set at enrolment, active once confirmed. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last 30-s step a code was accepted for: a code of that step or an earlier one is refused (replay). */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_lower_uq').on(sql`lower(${t.email})`)],
);

export const authSessions = pgTable(
  'auth_sessions',
  {
    /** sha-256 of the cookie token: a stolen table dump cannot be replayed. */
    tokenHash: text('token_hash').primaryKey(),
    /** What the account's security page names a session by (the token hash never leaves the server). */
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    userAgent: text('user_agent'),
    /** The address the session was opened from. */
    ip: text('ip'),
  },
  (t) => [uniqueIndex('auth_sessions_id_uq').on(t.id), index('auth_sessions_user_idx').on(t.userId), index('auth_sessions_expires_idx').on(t.expiresAt)],
);

export const studios = pgTable(
  'studios',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull().default('Europe/Paris'),
    currency: text('currency').notNull().default('EUR'),
    locale: text('locale').notNull().default('en'),
    plan: planEnum('plan').notNull().default('starter'),
    trialEndsAt: timestamp('trial_ends_at', { withTimezone: true }),
    onboardedAt: timestamp('onboarded_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    /** Owners may require two-factor sign-in of every member: a member without it must enrol before using the studio. */
    requireTwoFactor: boolean('require_two_factor').notNull().default(false),
    billingStatus: billingStatusEnum('billing_status').notNull().default('trial'),
    billingInterval: billingIntervalEnum('billing_interval'),
    /** The platform's Stripe customer and subscription of the studio (Stripe Billing, not Connect). */
    stripeCustomerId: text('stripe_customer_id').unique(),
    stripeSubscriptionId: text('stripe_subscription_id').unique(),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    /** A downgrade chosen for the end of the current period. */
    scheduledPlan: planEnum('scheduled_plan'),
    /** While past due: the studio becomes read-only after this. */
    graceEndsAt: timestamp('grace_ends_at', { withTimezone: true }),
    /** When Stripe produced the subscription state applied last: an older event never overwrites a newer state. */
    billingSyncedAt: timestamp('billing_synced_at', { withTimezone: true }),
    /** Suspended by the operator: staff and clients see a message, the data stays untouched. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspendedReason: text('suspended_reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The operator console lists studios newest first, 50 a page (issue 12.5).
  (t) => [index('studios_created_idx').on(t.createdAt, t.id)],
);

/**
 * Every address a studio has had, its current one included: an address stays with its studio after a
 * rename, so old booking, portal and share links keep reaching it (and redirect to the current address)
 * instead of opening whoever claims the address next. A trigger on `studios` (hand-written, in the
 * migration) records each new address and refuses one held by another studio. Freed only when the
 * studio itself is deleted.
 */
export const studioSlugs = pgTable(
  'studio_slugs',
  {
    slug: text('slug').primaryKey(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studios.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('studio_slugs_studio_idx').on(t.studioId)],
);

export const memberships = pgTable(
  'memberships',
  {
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studios.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.studioId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studios.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: roleEnum('role').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_studio_idx').on(t.studioId)],
);

export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('password_reset_user_idx').on(t.userId)],
);

/** One-time backup codes of two-factor sign-in: a keyed hash of each (HMAC, ADR 0019); a used code keeps its row. */
export const twoFactorBackupCodes = pgTable(
  'two_factor_backup_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('two_factor_backup_codes_uq').on(t.userId, t.codeHash)],
);

/**
 * A password accepted for an account with two-factor sign-in: not a session, only the right to present a
 * code for a few minutes. Only the token's hash is kept; it is deleted when used.
 */
export const loginChallenges = pgTable(
  'login_challenges',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('login_challenges_user_idx').on(t.userId), index('login_challenges_expires_idx').on(t.expiresAt)],
);

/** Where each studio's database lives, and how far its schema has been migrated. */
export const tenantDatabases = pgTable(
  'tenant_databases',
  {
    studioId: uuid('studio_id')
      .primaryKey()
      .references(() => studios.id, { onDelete: 'cascade' }),
    clusterId: text('cluster_id').notNull(),
    databaseName: text('database_name').notNull(),
    schemaVersion: integer('schema_version').notNull().default(0),
    state: tenantStateEnum('state').notNull().default('provisioning'),
    lastError: text('last_error'),
    /** While provisioning: the provisioner owns the entry until then; after it lapses the recovery sweeper takes over. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tenant_databases_cluster_db_uq').on(t.clusterId, t.databaseName), index('tenant_databases_cluster_idx').on(t.clusterId)],
);

export const platformAuditLog = pgTable(
  'platform_audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    studioId: uuid('studio_id'),
    details: jsonb('details').notNull().default({}),
    ip: text('ip'),
  },
  (t) => [
    index('platform_audit_studio_idx').on(t.studioId, t.at),
    index('platform_audit_at_idx').on(t.at),
    // The operator's audit log filters by action and by actor (issue 12.5).
    index('platform_audit_action_idx').on(t.action, t.at),
    index('platform_audit_actor_idx').on(t.actorUserId, t.at),
  ],
);

/** Fixed-window counters shared by every server instance (logins, resets, codes). */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_window_idx').on(t.windowStart)],
);

/** Every mail sent. With no SMTP configured this is where mail goes; the operator reads it in the app. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    template: text('template').notNull(),
    studioId: uuid('studio_id'),
    transport: text('transport').notNull(),
    /**
     * Small inline text attachments (an .ics invitation) as sent, and references to stored files (an issued PDF:
     * filename, contentType, storageKey, sizeBytes, sha256) read from file storage when the mail leaves — never
     * their bytes. Rows written before references may hold a PDF inline, base64 (`content`, `encoding`).
     */
    attachments: jsonb('attachments').notNull().default([]),
    error: text('error'),
    /** Set for mail sent by recorded work: a re-run of that work finds its mail already sent and sends nothing. */
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('mail_outbox_created_idx').on(t.createdAt),
    index('mail_outbox_to_idx').on(t.toAddress),
    uniqueIndex('mail_outbox_idempotency_uq')
      .on(t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
  ],
);

/**
 * Which studios have recorded work (tenant `outbox`) and when the next is due: the worker polls this one
 * table instead of every studio's database. Marked "due now" before a studio's change commits, so a crash
 * leaves it early rather than missing; the worker then sets the true next due time.
 */
export const studioWork = pgTable(
  'studio_work',
  {
    studioId: uuid('studio_id')
      .primaryKey()
      .references(() => studios.id, { onDelete: 'cascade' }),
    nextDueAt: timestamp('next_due_at', { withTimezone: true }).notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('studio_work_next_due_idx').on(t.nextDueAt)],
);

export const feedScopeEnum = pgEnum('calendar_feed_scope', ['studio', 'room', 'engineer']);

/** Secret iCalendar feed URLs (a studio's, a room's or an engineer's sessions); only the token's hash is kept. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studios.id, { onDelete: 'cascade' }),
    scope: feedScopeEnum('scope').notNull(),
    resourceId: uuid('resource_id'),
    label: text('label').notNull().default(''),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('calendar_feeds_studio_idx').on(t.studioId)],
);

/**
 * One-off platform tasks that have finished (e.g. a backfill over every studio written before a change):
 * a task runs until it has finished once, never again at each start — an unconditional crawl over every
 * studio's database opens a connection per studio and competes with real traffic.
 */
export const platformTasks = pgTable('platform_tasks', {
  name: text('name').primaryKey(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Each studio's connected Stripe account (Connect, ADR 0017). In the control database because a webhook names
 * only the account (`event.account`): this table is how it finds the studio before any studio database is open.
 * The status columns mirror what Stripe last said; `synced_at` is when that was read, so an older read never
 * overwrites a newer one.
 */
export const stripeConnectedAccounts = pgTable('stripe_connected_accounts', {
  studioId: uuid('studio_id')
    .primaryKey()
    .references(() => studios.id, { onDelete: 'cascade' }),
  stripeAccountId: text('stripe_account_id').notNull().unique(),
  chargesEnabled: boolean('charges_enabled').notNull().default(false),
  payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
  detailsSubmitted: boolean('details_submitted').notNull().default(false),
  /** Stripe's `requirements.currently_due` (field names), what onboarding still asks for. */
  requirementsDue: jsonb('requirements_due').$type<string[]>().notNull().default([]),
  disabledReason: text('disabled_reason'),
  syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Stripe webhook events received, so each is applied once however often Stripe delivers it. `effect_key` names
 * what an event did (a payment intent recorded, a charge's refunded total): two events reporting the same
 * payment (checkout.session.completed and payment_intent.succeeded) call the payment hook once. To move into the
 * studio's own database with the money tables (issue 11).
 */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    eventId: text('event_id').primaryKey(),
    studioId: uuid('studio_id').references(() => studios.id, { onDelete: 'set null' }),
    type: text('type').notNull(),
    effectKey: text('effect_key').unique(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (t) => [index('stripe_events_studio_idx').on(t.studioId)],
);

/**
 * Each studio's scheduled backup runs (issue 13.1): one row per studio per run, kept in the control database so
 * the history (and the age of the last good backup) survives restarts. `file` is the archive's path under
 * BACKUP_DIR once written; `error` says why a run failed. Rows of studios deleted since go with them.
 */
export const studioBackups = pgTable(
  'studio_backups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studios.id, { onDelete: 'cascade' }),
    /** The UTC day the backup is for (one file per studio per day). */
    day: text('day').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    ok: boolean('ok').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    file: text('file'),
    encrypted: boolean('encrypted').notNull().default(false),
    error: text('error'),
  },
  (t) => [index('studio_backups_studio_idx').on(t.studioId, t.finishedAt), index('studio_backups_finished_idx').on(t.finishedAt)],
);

/**
 * The embedded cluster's daily base backups (issue 13.1, ADR 0021): one row per run, so the operator page and
 * the backup-age metric see them like the studio backups. `dir` is the backup's folder under
 * BACKUP_DIR/cluster/base once complete; `startWal` is the first WAL segment a restore from it needs.
 */
export const clusterBackups = pgTable(
  'cluster_backups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The UTC day the backup is for (one base backup per day). */
    day: text('day').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    ok: boolean('ok').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    dir: text('dir'),
    startWal: text('start_wal'),
    error: text('error'),
  },
  (t) => [index('cluster_backups_finished_idx').on(t.finishedAt), index('cluster_backups_day_idx').on(t.day)],
);

/**
 * AI assistant credits used per studio per calendar month (the studio's time zone; `month` is 'YYYY-MM'), against
 * its plan's monthly credits (issue 12.4). One row per studio and month, raised atomically by a conditional upsert,
 * so concurrent uses never pass the limit; a new month starts a new row at zero.
 */
export const aiCreditUsage = pgTable(
  'ai_credit_usage',
  {
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studios.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    used: integer('used').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.studioId, t.month] })],
);

/**
 * Every change of a studio's plan or billing status (issue 12.5): the history MRR, ARR, conversion and churn are
 * computed from. `mrr_cents` is the studio's monthly recurring revenue after the change (a yearly price / 12; 0 in
 * trial, read-only, or on a plan set by the operator without payment).
 */
export const subscriptionChanges = pgTable(
  'subscription_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studios.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    plan: planEnum('plan').notNull(),
    billingStatus: billingStatusEnum('billing_status').notNull(),
    billingInterval: billingIntervalEnum('billing_interval'),
    mrrCents: integer('mrr_cents').notNull().default(0),
    /** What caused it: 'stripe' (a webhook), 'operator', 'signup'. */
    source: text('source').notNull(),
  },
  (t) => [index('subscription_changes_studio_idx').on(t.studioId, t.at), index('subscription_changes_at_idx').on(t.at)],
);

/**
 * Notices a studio must get once (issue 12.2 and 12.4): trial reminders 7, 3 and 1 days before the end, usage warnings
 * at 80 and 90 % (per limit and period), grace-period mails. The key names the notice and its occasion
 * (e.g. 'trial:7:2026-12-20', 'usage:sessions:warn80:2026-12'); inserting it first makes the sending happen once
 * across servers and retries.
 */
export const studioNotices = pgTable(
  'studio_notices',
  {
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studios.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.studioId, t.key] })],
);
