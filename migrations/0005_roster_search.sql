-- Accent-insensitive search over people (staff, students, guardians) without an extension
-- (unaccent is not available on the embedded database). fold_vi() folds the Vietnamese letters to
-- ASCII and lower-cases, like foldText() in src/lib/text.ts; stored generated columns keep the folded
-- text right whatever writes the row (forms, imports, seeds).
create function fold_vi(value text) returns text
language sql immutable parallel safe
as $$
	select btrim(regexp_replace(lower(translate(value,
		'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ',
		'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD'
	)), '\s+', ' ', 'g'))
$$;

alter table staff add column search_text text generated always as (
	fold_vi(full_name || ' ' || code || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))
) stored;

alter table students add column search_text text generated always as (
	fold_vi(full_name || ' ' || code)
) stored;

alter table guardians add column search_text text generated always as (
	fold_vi(full_name || ' ' || coalesce(phone, '') || ' ' || coalesce(email, ''))
) stored;

-- Lists of one school's people, active first, by name.
create index staff_school_active_idx on staff (school_id, active);
create index students_school_active_idx on students (school_id, active);
create index classes_school_year_idx on classes (school_id, school_year_id);
