-- schools.search_text was written by the services and seeds (foldText in TypeScript): now the
-- database keeps it, like the people's search columns (0005), whatever writes the row.
alter table schools drop column search_text;
alter table schools add column search_text text generated always as (fold_vi(name || ' ' || code)) stored;
