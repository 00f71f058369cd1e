CREATE TYPE "public"."evidence_key_kind" AS ENUM('passphrase', 'recovery', 'session');--> statement-breakpoint
CREATE TABLE "evidence_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"nonce" "bytea" NOT NULL,
	"sealed" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" "evidence_key_kind" NOT NULL,
	"session_id" text,
	"recovery_code_id" uuid,
	"salt" "bytea" NOT NULL,
	"nonce" "bytea" NOT NULL,
	"wrapped" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_keys_secret_check" CHECK (("evidence_keys"."kind" = 'passphrase' and "evidence_keys"."session_id" is null and "evidence_keys"."recovery_code_id" is null)
        or ("evidence_keys"."kind" = 'session' and "evidence_keys"."session_id" is not null and "evidence_keys"."recovery_code_id" is null)
        or ("evidence_keys"."kind" = 'recovery' and "evidence_keys"."recovery_code_id" is not null and "evidence_keys"."session_id" is null))
);
--> statement-breakpoint
ALTER TABLE "evidence_entries" ADD CONSTRAINT "evidence_entries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_keys" ADD CONSTRAINT "evidence_keys_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_keys" ADD CONSTRAINT "evidence_keys_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_keys" ADD CONSTRAINT "evidence_keys_recovery_code_id_recovery_codes_id_fk" FOREIGN KEY ("recovery_code_id") REFERENCES "public"."recovery_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_entries_member_idx" ON "evidence_entries" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "evidence_keys_member_idx" ON "evidence_keys" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_keys_passphrase_unique" ON "evidence_keys" USING btree ("member_id") WHERE "evidence_keys"."kind" = 'passphrase';--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_keys_session_unique" ON "evidence_keys" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_keys_recovery_unique" ON "evidence_keys" USING btree ("recovery_code_id");