ALTER TABLE "members" ADD COLUMN "pseudonym_skeleton" text;--> statement-breakpoint
CREATE INDEX "members_pseudonym_skeleton_idx" ON "members" USING btree ("pseudonym_skeleton");