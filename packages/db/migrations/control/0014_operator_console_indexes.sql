CREATE INDEX "platform_audit_action_idx" ON "platform_audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "platform_audit_actor_idx" ON "platform_audit_log" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "studios_created_idx" ON "studios" USING btree ("created_at","id");