-- "Remind those who have not" for official notices (issue 13): when the notice was last reminded
-- and how often (a second reminder within the interval is refused, under the notice's row lock),
-- and when each unread target school was last reminded (shown in the school's inbox).
alter table official_notices
	add column last_reminded_at timestamptz,
	add column remind_count integer not null default 0;
alter table official_notice_schools add column reminded_at timestamptz;
