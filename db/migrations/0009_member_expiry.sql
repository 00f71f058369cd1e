ALTER TABLE "members" ADD COLUMN "posts_expire_days" integer;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "chat_expire_days" integer;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_posts_expire_days_check" CHECK ("members"."posts_expire_days" is null or "members"."posts_expire_days" in (30, 90, 365));--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_chat_expire_days_check" CHECK ("members"."chat_expire_days" is null or "members"."chat_expire_days" in (30, 90, 365));