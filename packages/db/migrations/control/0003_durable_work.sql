CREATE TABLE "studio_work" (
	"studio_id" uuid PRIMARY KEY NOT NULL,
	"next_due_at" timestamp with time zone NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "tenant_databases" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "studio_work" ADD CONSTRAINT "studio_work_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studio_work_next_due_idx" ON "studio_work" USING btree ("next_due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_outbox_idempotency_uq" ON "mail_outbox" USING btree ("idempotency_key") WHERE "mail_outbox"."idempotency_key" IS NOT NULL;