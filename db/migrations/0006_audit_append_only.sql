-- The audit log is append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused
-- unless the transaction says it is the retention job or an erasure (SET LOCAL
-- hearth.audit_maintenance = 'retention' | 'erasure'; server/moderation/audit.ts). A database
-- owner can still drop the trigger; this guards against every path in the application.
CREATE FUNCTION hearth_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'TRUNCATE' AND coalesce(current_setting('hearth.audit_maintenance', true), '') IN ('retention', 'erasure') THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION hearth_audit_log_append_only();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION hearth_audit_log_append_only();--> statement-breakpoint
-- Members who already posted before probation existed count their visible posts as approved.
UPDATE members m SET approved_posts = counted.n
  FROM (SELECT author_id, count(*)::int AS n FROM posts WHERE status = 'visible' AND author_id IS NOT NULL GROUP BY author_id) counted
  WHERE counted.author_id = m.id;--> statement-breakpoint
-- Open reports made before the queue existed become its items, grouped per post; priorities as in
-- server/moderation/priority.ts.
INSERT INTO queue_items (kind, forum_id, target_key, post_id, thread_id, member_id, priority, report_count, detail, opened_at, updated_at)
  SELECT 'report', t.forum_id, 'post:' || r.post_id, r.post_id, p.thread_id, p.author_id,
         min(CASE r.reason WHEN 'self-harm' THEN 0 WHEN 'identifying' THEN 1 WHEN 'image' THEN 3 WHEN 'harassment' THEN 4 ELSE 8 END),
         count(*)::int, jsonb_build_object('reasons', jsonb_agg(DISTINCT r.reason::text)), min(r.created_at), max(r.created_at)
    FROM reports r JOIN posts p ON p.id = r.post_id JOIN threads t ON t.id = p.thread_id
   WHERE r.resolved_at IS NULL
   GROUP BY r.post_id, p.thread_id, p.author_id, t.forum_id;
