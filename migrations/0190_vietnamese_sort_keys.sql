-- Vietnamese order in SQL (issue 9, item 11). The embedded database has no ICU collations, so
-- lists sorted by a name in SQL order by a stored key whose byte order (collate "C") is the
-- Vietnamese order: the letters (a < ă < â < b … d < đ < e … o < ô < ơ … u < ư), then the tones
-- (none < huyền < hỏi < ngã < sắc < nặng), then the case (lower first), as Intl.Collator('vi').
-- The tables are VI_SORT_TABLE of src/lib/collation.ts (viSortKey computes the same key; a test
-- compares them). People's lists sort by given name (the last word), then the whole name.
create function vi_sort_key(value text) returns text
language sql immutable parallel safe
as $$
	select translate(value,
		'aAăĂâÂbBcCdDđĐeEêÊfFgGhHiIjJkKlLmMnNoOôÔơƠpPqQrRsStTuUưƯvVwWxXyYzZàÀảẢãÃáÁạẠằẰẳẲẵẴắẮặẶầẦẩẨẫẪấẤậẬèÈẻẺẽẼéÉẹẸềỀểỂễỄếẾệỆìÌỉỈĩĨíÍịỊòÒỏỎõÕóÓọỌồỒổỔỗỖốỐộỘờỜởỞỡỠớỚợỢùÙủỦũŨúÚụỤừỪửỬữỮứỨựỰỳỲỷỶỹỸýÝỵỴ[\]^_`{|}~',
		'AABBCCDDEEFFGGHHIIJJKKLLMMNNOOPPQQRRSSTTUUVVWWXXYYZZ[[\\]]^^__``aaAAAAAAAAAABBBBBBBBBBCCCCCCCCCCHHHHHHHHHHIIIIIIIIIIMMMMMMMMMMSSSSSSSSSSTTTTTTTTTTUUUUUUUUUU[[[[[[[[[[\\\\\\\\\\``````````//////////')
	|| chr(1) || translate(value,
		'aAăĂâÂbBcCdDđĐeEêÊfFgGhHiIjJkKlLmMnNoOôÔơƠpPqQrRsStTuUưƯvVwWxXyYzZàÀảẢãÃáÁạẠằẰẳẲẵẴắẮặẶầẦẩẨẫẪấẤậẬèÈẻẺẽẼéÉẹẸềỀểỂễỄếẾệỆìÌỉỈĩĨíÍịỊòÒỏỎõÕóÓọỌồỒổỔỗỖốỐộỘờỜởỞỡỠớỚợỢùÙủỦũŨúÚụỤừỪửỬữỮứỨựỰỳỲỷỶỹỸýÝỵỴ[\]^_`{|}~',
		'000000000000000000000000000000000000000000000000000000000000000000112233445511223344551122334455112233445511223344551122334455112233445511223344551122334455112233445511223344551122334455[\]^_`{|}~')
	|| chr(1) || translate(value,
		'aAăĂâÂbBcCdDđĐeEêÊfFgGhHiIjJkKlLmMnNoOôÔơƠpPqQrRsStTuUưƯvVwWxXyYzZàÀảẢãÃáÁạẠằẰẳẲẵẴắẮặẶầẦẩẨẫẪấẤậẬèÈẻẺẽẼéÉẹẸềỀểỂễỄếẾệỆìÌỉỈĩĨíÍịỊòÒỏỎõÕóÓọỌồỒổỔỗỖốỐộỘờỜởỞỡỠớỚợỢùÙủỦũŨúÚụỤừỪửỬữỮứỨựỰỳỲỷỶỹỸýÝỵỴ[\]^_`{|}~',
		'010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101[\]^_`{|}~')
$$;

create function vi_name_sort_key(value text) returns text
language sql immutable parallel safe
as $$
	select vi_sort_key(regexp_replace(value, '^.*\s', '')) || chr(1) || vi_sort_key(value)
$$;

alter table students add column name_sort text collate "C" not null
	generated always as (vi_name_sort_key(full_name)) stored;
alter table staff add column name_sort text collate "C" not null
	generated always as (vi_name_sort_key(full_name)) stored;
alter table guardians add column name_sort text collate "C" not null
	generated always as (vi_name_sort_key(full_name)) stored;
alter table classes add column name_sort text collate "C" not null
	generated always as (vi_sort_key(name)) stored;

create index staff_school_name_sort_idx on staff (school_id, name_sort);
create index students_school_name_sort_idx on students (school_id, name_sort);
