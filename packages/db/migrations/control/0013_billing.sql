CREATE TYPE "public"."billing_interval" AS ENUM('monthly', 'yearly');--> statement-breakpoint
CREATE TYPE "public"."billing_status" AS ENUM('trial', 'active', 'past_due', 'canceled');--> statement-breakpoint
CREATE TABLE "studio_notices" (
	"studio_id" uuid NOT NULL,
	"key" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studio_notices_studio_id_key_pk" PRIMARY KEY("studio_id","key")
);
--> statement-breakpoint
CREATE TABLE "subscription_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"studio_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"plan" "plan" NOT NULL,
	"billing_status" "billing_status" NOT NULL,
	"billing_interval" "billing_interval",
	"mrr_cents" integer DEFAULT 0 NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "billing_status" "billing_status" DEFAULT 'trial' NOT NULL;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "billing_interval" "billing_interval";--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "stripe_customer_id" text;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "stripe_subscription_id" text;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "current_period_end" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "cancel_at_period_end" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "scheduled_plan" "plan";--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "grace_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "billing_synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "suspended_reason" text;--> statement-breakpoint
ALTER TABLE "studio_notices" ADD CONSTRAINT "studio_notices_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_changes" ADD CONSTRAINT "subscription_changes_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscription_changes_studio_idx" ON "subscription_changes" USING btree ("studio_id","at");--> statement-breakpoint
CREATE INDEX "subscription_changes_at_idx" ON "subscription_changes" USING btree ("at");--> statement-breakpoint
ALTER TABLE "studios" ADD CONSTRAINT "studios_stripe_customer_id_unique" UNIQUE("stripe_customer_id");--> statement-breakpoint
ALTER TABLE "studios" ADD CONSTRAINT "studios_stripe_subscription_id_unique" UNIQUE("stripe_subscription_id");--> statement-breakpoint
-- Studios that existed before billing keep working: those whose trial has no end or has already ended (and the demo)
-- are on their current plan as if the operator had set it; a studio still in its trial stays in it.
UPDATE "studios" SET "billing_status" = 'active' WHERE "is_demo" OR "trial_ends_at" IS NULL OR "trial_ends_at" < now();
--> statement-breakpoint
INSERT INTO "subscription_changes" ("studio_id", "at", "plan", "billing_status", "mrr_cents", "source")
SELECT "id", "created_at", "plan", "billing_status", 0, 'migration' FROM "studios";
