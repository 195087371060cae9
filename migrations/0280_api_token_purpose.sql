-- API tokens carry a purpose: 'usage' (platforms report usage, every existing token) or 'grades'
-- (an external e-gradebook reads and writes one school's grades). The purposes are kept apart at
-- the gate: a token of one purpose answers 404 on the endpoints of the other.
-- A grades token belongs to exactly one school and no platform.
alter table usage_api_tokens
	add column purpose text not null default 'usage' check (purpose in ('usage', 'grades'));
alter table usage_api_tokens
	add constraint usage_api_tokens_grades_scope check (
		purpose <> 'grades' or (school_id is not null and platform_id is null)
	);
