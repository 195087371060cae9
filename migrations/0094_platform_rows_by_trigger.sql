-- A school's row for each platform is created in one place, the database: new schools already get
-- theirs by trigger (0013, rollout_school_inserted); a new or restored platform now gets a
-- not-started row at every school the same way (the services no longer insert them).
create function rollout_platform_added() returns trigger language plpgsql as $$
begin
	insert into school_platforms (school_id, platform_id)
	select s.id, new.id from schools s
	on conflict do nothing;
	return null;
end $$;

create trigger platforms_school_rows after insert on platforms
	for each row when (new.retired_at is null)
	execute function rollout_platform_added();

create trigger platforms_school_rows_restored after update of retired_at on platforms
	for each row when (old.retired_at is not null and new.retired_at is null)
	execute function rollout_platform_added();
