CREATE INDEX "blocks_blocked_idx" ON "blocks" USING btree ("blocked_id");--> statement-breakpoint
CREATE INDEX "notifications_actor_idx" ON "notifications" USING btree ("actor_id") WHERE "notifications"."actor_id" is not null;--> statement-breakpoint
CREATE INDEX "threads_author_idx" ON "threads" USING btree ("author_id") WHERE "threads"."author_id" is not null;--> statement-breakpoint
CREATE INDEX "chat_mutes_member_idx" ON "chat_mutes" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "chat_mutes_muted_by_idx" ON "chat_mutes" USING btree ("muted_by") WHERE "chat_mutes"."muted_by" is not null;--> statement-breakpoint
CREATE INDEX "appeals_decided_by_idx" ON "appeals" USING btree ("decided_by") WHERE "appeals"."decided_by" is not null;--> statement-breakpoint
CREATE INDEX "invites_created_by_idx" ON "invites" USING btree ("created_by") WHERE "invites"."created_by" is not null;--> statement-breakpoint
CREATE INDEX "invites_used_by_idx" ON "invites" USING btree ("used_by") WHERE "invites"."used_by" is not null;--> statement-breakpoint
CREATE INDEX "member_notes_author_idx" ON "member_notes" USING btree ("author_id") WHERE "member_notes"."author_id" is not null;--> statement-breakpoint
CREATE INDEX "queue_items_resolved_by_idx" ON "queue_items" USING btree ("resolved_by") WHERE "queue_items"."resolved_by" is not null;