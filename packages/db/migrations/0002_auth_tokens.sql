-- Sessions with proper columns, and invitations in a table of their own.
--
-- Before this migration refresh_tokens had no family, tenant, used-at or session-expiry
-- columns: created_at held the start of the login session (so the 30-day absolute
-- lifetime survived rotation), replaced_by both linked a family and marked a token
-- used, the tenant of a refresh was whatever the client named (default: the first
-- membership), and invitations were stored as refresh_tokens rows whose token_hash
-- was a domain-separated hash of a vgi_ token (7 days from created_at to expires_at,
-- where a refresh token always had at least 14).

-- ------------------------------------------------------------ invitations ---

-- An invitation lets the holder of a one-time token (only its hash is stored) join
-- the tenant with `role` as the account `email`, setting its password. Created and
-- listed by the tenant's admins (vigil_app); accepted on the authentication path
-- (withSystem), like sign-up, because the invitee has no session yet.
create table invitations (
  id           uuid primary key default gen_random_uuid(),
  tenant_id    uuid not null references tenants (id) on delete cascade,
  email        text not null check (length(email) between 3 and 320),
  role         text not null check (role in ('owner', 'admin', 'member', 'read_only')),
  token_hash   text not null,
  invited_by   uuid references users (id) on delete set null,
  created_at   timestamptz(3) not null default now(),
  expires_at   timestamptz(3) not null,
  accepted_at  timestamptz(3),
  revoked_at   timestamptz(3),
  check (expires_at > created_at),
  check (accepted_at is null or revoked_at is null)
);

-- Old invitation rows move here. They named a user, not a tenant: the tenant and role
-- are those of the user's membership created closest to the invitation (POST /members
-- created the membership and then the invitation, on the same clock). A spent old
-- invitation was marked revoked_at by its acceptance (there was no other way to
-- revoke one), so that time becomes accepted_at. Rows whose user is in no tenant any
-- more could never be used again and are dropped. The token hash is kept, so a
-- pending invitation's token still works.
insert into invitations (tenant_id, email, role, token_hash, created_at, expires_at, accepted_at)
select distinct on (r.id) m.tenant_id, u.email, m.role, r.token_hash, r.created_at, r.expires_at, r.revoked_at
from refresh_tokens r
join users u on u.id = r.user_id
join memberships m on m.user_id = r.user_id
where r.expires_at - r.created_at < interval '14 days'
order by r.id, abs(extract(epoch from (m.created_at - r.created_at))), m.tenant_id;

-- At most one open invitation per email and tenant (sending a new one revokes the
-- old): of migrated duplicates, the newest stays open.
update invitations i set revoked_at = i.created_at
where i.accepted_at is null and i.revoked_at is null
  and exists (
    select 1 from invitations j
    where j.tenant_id = i.tenant_id and lower(j.email) = lower(i.email)
      and j.accepted_at is null and j.revoked_at is null
      and (j.created_at, j.id) > (i.created_at, i.id));

create unique index invitations_token_hash_key on invitations (token_hash);
create unique index invitations_open_email_key on invitations (tenant_id, lower(email))
  where accepted_at is null and revoked_at is null;
create index invitations_tenant_created_idx on invitations (tenant_id, created_at desc, id desc);

delete from refresh_tokens where expires_at - created_at < interval '14 days';

-- --------------------------------------------------------- refresh tokens ---

alter table refresh_tokens
  add column family_id            uuid,
  add column tenant_id            uuid,
  add column used_at              timestamptz(3),
  add column absolute_expires_at  timestamptz(3);

-- A family is a chain of rotations from one login: its first token's id names it.
with recursive chain(id, replaced_by, family_id) as (
  select r.id, r.replaced_by, r.id from refresh_tokens r
  where not exists (select 1 from refresh_tokens p where p.replaced_by = r.id)
  union all
  select r.id, r.replaced_by, c.family_id from refresh_tokens r join chain c on r.id = c.replaced_by
)
update refresh_tokens r set family_id = c.family_id from chain c where c.id = r.id;

-- created_at was the start of the session; when a token was used was not recorded,
-- so the time of this migration stands in for it. An old session continues in the
-- user's first tenant, as an old refresh without a tenant id did; sessions of users
-- in no tenant could not be refreshed and are dropped.
update refresh_tokens r set
  absolute_expires_at = r.created_at + interval '30 days',
  used_at = case when r.replaced_by is not null then now() end,
  tenant_id = (select m.tenant_id from memberships m where m.user_id = r.user_id order by m.created_at, m.tenant_id limit 1);
delete from refresh_tokens where tenant_id is null or family_id is null;

alter table refresh_tokens
  alter column family_id set not null,
  alter column tenant_id set not null,
  alter column absolute_expires_at set not null,
  add check (expires_at <= absolute_expires_at),
  -- A session lives only as long as the membership it is in: removing a member (or
  -- the tenant, or the user) ends their sessions there.
  add foreign key (tenant_id, user_id) references memberships (tenant_id, user_id) on delete cascade;

drop index refresh_tokens_user_idx;
-- Serves the user's sessions and the membership foreign key's cascade.
create index refresh_tokens_user_tenant_idx on refresh_tokens (user_id, tenant_id);
create index refresh_tokens_family_idx on refresh_tokens (family_id);

-- ------------------------------------------------------ row-level security ---

alter table invitations enable row level security;
alter table invitations force row level security;
create policy tenant_isolation on invitations
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on invitations to vigil_app;

-- Sessions stay on the authentication path: still not granted to vigil_app. The
-- policy only keeps the rule that every table with a tenant_id is tenant-scoped.
create policy tenant_isolation on refresh_tokens
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
