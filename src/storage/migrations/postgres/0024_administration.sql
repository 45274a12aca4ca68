-- 0024 administration (issue 23, deliver 5): the audit log searched by who did it (information
-- governance: "who saw whose record, when") without reading the whole log.
CREATE INDEX audit_by_actor ON audit_log (council_id, actor_user_id, audit_id);
