-- Issue 10 (ingestion): an event batch finds its teachers by e-mail across the token's schools
-- (a department's token: every school of the province). The only index on staff e-mails began with
-- the school, so the lookup scanned every staff row and compared it with each of the batch's
-- addresses (91 ms of a 1000-event batch at demo scale; a whole country has 50 times the staff).
create index staff_email_lookup_idx on staff (lower(email)) where email is not null;
