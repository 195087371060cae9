-- Issue 9, point 3: the department marks a template verified once it has checked it against the
-- official text (who and when, also in audit_log). Until then its levels carry its warning.
alter table checklist_templates
	add column verified_at timestamptz,
	add column verified_by integer references users (id);
