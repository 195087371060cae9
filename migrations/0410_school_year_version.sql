-- Making a new school year current (issue 11, session 11): the department's step after the year
-- rollover re-points every pupil's students.class_id to their enrolment of that year in one audited
-- transaction. The version lets the confirmation form refuse a stale preview (another official
-- switched meanwhile); both the year that stops and the year that becomes current count up.
alter table school_years add column version integer not null default 1;
