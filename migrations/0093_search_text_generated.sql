-- Search text is kept by the database only. schools.search_text was written by the services and
-- seeds (foldText in TypeScript): now it is a stored generated column like the people's (0005),
-- right whatever writes the row. fold_vi (0005) is immutable and needs no extension. The search
-- columns are never null (their expressions fold not-null columns): say so.
alter table schools drop column search_text;
alter table schools add column search_text text not null
	generated always as (fold_vi(name || ' ' || code)) stored;
alter table staff alter column search_text set not null;
alter table students alter column search_text set not null;
alter table guardians alter column search_text set not null;
