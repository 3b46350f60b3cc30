-- The GIN index on the findings' text (message and resource name) goes: no query of the
-- application can use it, and it was the costliest part of storing findings.
--
-- The application reads findings as vigil_app under row-level security. PostgreSQL
-- evaluates a query's own conditions after the policy's unless they are leakproof, and
-- only a leakproof condition may then become an index condition; the text search
-- operator (@@, ts_match_vq) is not leakproof, so listFindings' text filter was always
-- evaluated row by row (EXPLAIN as vigil_app: a bitmap scan on status or a sequential
-- scan, never findings_text_idx), while every stored finding paid for the index: in
-- back-to-back runs of 100,000 findings, storing them with it took 1.3–2.3 times as
-- long as without it. (Marking @@ leakproof needs a superuser and changes it for every
-- database of the server; not done.)
drop index if exists findings_text_idx;

-- Sorting by first seen breaks ties by id: with id in the index, a page sorted by
-- first_seen_at is read in index order instead of sorting every finding of the tenant.
drop index if exists findings_first_seen_idx;
create index findings_first_seen_idx on findings (tenant_id, first_seen_at, id);
