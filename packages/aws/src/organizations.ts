import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { TransientCloudError, UsageError, VigilError, errorCode, errorMessage } from '@vigil/engine';
import type { AwsIdentity } from './auth.ts';
import { credentialProvider, resolveAwsSession } from './auth.ts';
import type { AwsSession } from './context.ts';

/** One account of an AWS organization, as organizations:ListAccounts describes it. */
export interface OrganizationAccount {
  id: string;
  name: string;
  email: string;
  arn: string;
  /** `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`… (the newer `State` when AWS sends it). */
  status: string;
}

/** A member account reached for a scan: the same shape `resolveAwsSession` returns, plus the account's name. */
export interface OrganizationMemberSession {
  session: AwsSession;
  identity: AwsIdentity;
  name?: string;
}

/** An account that could not be reached: reported, never thrown. */
export interface OrganizationMemberFailure {
  account: string;
  name?: string;
  code: string;
  message: string;
}

export interface OrganizationMemberOptions {
  /** Role assumed in every member account. Default `OrganizationAccountAccessRole`. */
  roleName?: string;
  /** External id the member roles' trust policies require. */
  externalId?: string;
  /** Only these account ids (each must be an active account of the organization). */
  accounts?: readonly string[];
  /** Accounts assumed at once. Default 8. */
  concurrency?: number;
  /** Seconds, 900–43200 (the role's maximum session duration applies). */
  sessionDuration?: number;
}

export interface OrganizationMembers {
  /** The caller's own account first (scanned with the caller's session), then the members by account id. */
  sessions: OrganizationMemberSession[];
  failures: OrganizationMemberFailure[];
  /** Every active account listed (before `accounts` limited them). */
  listed: OrganizationAccount[];
}

export const DEFAULT_MEMBER_ROLE = 'OrganizationAccountAccessRole';

const ROLE_NAME = /^[\w+=,.@-]+(\/[\w+=,.@-]+)*$/;

/** IAM actions an organization scan needs in the management account, besides the per-account ones (least-privilege policy). */
export const ORGANIZATION_ACTIONS = ['organizations:ListAccounts', 'sts:AssumeRole'] as const;

function organizationsClient(session: AwsSession): OrganizationsClient {
  return new OrganizationsClient({
    // Organizations is a global service answered in us-east-1 (us-gov-west-1, cn-northwest-1 elsewhere).
    region: session.partition === 'aws-us-gov' ? 'us-gov-west-1' : session.partition === 'aws-cn' ? 'cn-northwest-1' : 'us-east-1',
    credentials: session.credentials,
    maxAttempts: 5,
    ...(session.endpoint ? { endpoint: session.endpoint } : {}),
  });
}

/**
 * Lists the organization's ACTIVE accounts (organizations:ListAccounts, every page). The
 * caller must be the management account or a delegated administrator.
 *
 * @throws VigilError `ORGANIZATION` with what to do when the account is in no organization or may not list it.
 */
export async function listOrganizationAccounts(session: AwsSession): Promise<OrganizationAccount[]> {
  const client = organizationsClient(session);
  const accounts: OrganizationAccount[] = [];
  try {
    let token: string | undefined;
    do {
      const out = await client.send(new ListAccountsCommand({ ...(token ? { NextToken: token } : {}) }));
      for (const a of out.Accounts ?? []) {
        if (!a.Id) continue;
        const status = String((a as { State?: string }).State ?? a.Status ?? '');
        accounts.push({ id: a.Id, name: a.Name ?? '', email: a.Email ?? '', arn: a.Arn ?? '', status });
      }
      token = out.NextToken || undefined;
    } while (token);
  } catch (err) {
    throw organizationProblem(err, session.account);
  } finally {
    client.destroy();
  }
  return accounts.filter((a) => a.status === 'ACTIVE');
}

function organizationProblem(err: unknown, account: string): VigilError {
  const code = errorCode(err);
  const msg = errorMessage(err);
  if (code === 'AWSOrganizationsNotInUseException') {
    return new VigilError(
      'ORGANIZATION',
      `Account ${account} is not in an AWS organization (${code}). Scan it without the organization options, or run from the organization's management account.`,
      1,
      { cause: err },
    );
  }
  if (code === 'AccessDeniedException' || code === 'AccessDenied' || code === 'AccessDeniedForDependencyException') {
    return new VigilError(
      'ORGANIZATION',
      `Account ${account} cannot list the organization's accounts (${code}: ${msg}). Use credentials of the management account ` +
        'or of a delegated administrator, with organizations:ListAccounts allowed.',
      1,
      { cause: err },
    );
  }
  return new VigilError('ORGANIZATION', `Cannot list the organization's accounts from account ${account}: ${code} (${msg}).`, 1, { cause: err });
}

/**
 * Credentials cached until five minutes before they expire: every client of every unit of
 * an account shares one assumed-role session instead of calling AssumeRole each.
 */
export function cachedCredentials(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async (props) => {
    if (current && (!current.expiration || current.expiration.getTime() - Date.now() > 300_000)) return current;
    pending ??= provider(props)
      .then((c) => (current = c))
      .finally(() => (pending = undefined));
    return pending;
  };
}

/** Runs `fn` on every item with at most `limit` at once, results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * Sessions for every active account of the caller's organization: the caller's own account
 * with its own session, every other one by assuming `arn:<partition>:iam::<account>:role/<roleName>`
 * (then STS GetCallerIdentity as that role). An account that cannot be reached is a failure
 * entry, not a thrown error.
 *
 * @throws VigilError `ORGANIZATION` when the accounts cannot be listed; UsageError for a bad role name or account id.
 */
export async function organizationMemberSessions(session: AwsSession, o: OrganizationMemberOptions = {}): Promise<OrganizationMembers> {
  const roleName = o.roleName ?? DEFAULT_MEMBER_ROLE;
  if (!ROLE_NAME.test(roleName) || roleName.length > 512) {
    throw new UsageError(`The member role name must be an IAM role name (with an optional path) such as ${DEFAULT_MEMBER_ROLE}, got "${roleName}".`);
  }
  const bad = (o.accounts ?? []).filter((a) => !/^\d{12}$/.test(a));
  if (bad.length) throw new UsageError(`Account ids are 12 digits, got "${bad.join('", "')}".`);

  const listed = await listOrganizationAccounts(session);
  const byId = new Map(listed.map((a) => [a.id, a]));
  const failures: OrganizationMemberFailure[] = [];
  let wanted = listed;
  if (o.accounts?.length) {
    const limit = new Set(o.accounts);
    wanted = listed.filter((a) => limit.has(a.id));
    for (const id of limit) {
      if (!byId.has(id)) {
        failures.push({ account: id, code: 'AccountNotInOrganization', message: `Account ${id} is not an active account of the organization.` });
      }
    }
  }
  // The caller's own account is scanned with its own session, even when it is a member (delegated administrator).
  const own = wanted.find((a) => a.id === session.account);
  const members = wanted.filter((a) => a.id !== session.account).sort((a, b) => a.id.localeCompare(b.id));

  const resolveOne = async (a: OrganizationAccount | undefined, role?: string) => {
    try {
      const r = role ? await assumeRoleSession(session, role, o) : await resolveAwsSession({ credentials: session.credentials, endpointUrl: session.endpoint, homeRegion: session.homeRegion });
      return { ok: r, account: a };
    } catch (err) {
      return { err, account: a };
    }
  };

  const results = await mapLimit(
    [own ? { a: own, role: undefined } : undefined, ...members.map((a) => ({ a, role: `arn:${session.partition}:iam::${a.id}:role/${roleName}` }))],
    Math.max(1, o.concurrency ?? 8),
    async (job) => (job ? resolveOne(job.a, job.role) : undefined),
  );

  const sessions: OrganizationMemberSession[] = [];
  for (const r of results) {
    if (!r?.account) continue;
    const a = r.account;
    if (r.ok) {
      if (r.ok.identity.account !== a.id) {
        failures.push({
          account: a.id,
          name: a.name,
          code: 'AccountMismatch',
          message: `The role ${roleName} in account ${a.id} answered as account ${r.ok.identity.account}.`,
        });
        continue;
      }
      sessions.push({ session: r.ok.session, identity: r.ok.identity, ...(a.name ? { name: a.name } : {}) });
    } else {
      failures.push({ account: a.id, ...(a.name ? { name: a.name } : {}), ...memberFailure(r.err, a.id, roleName, o.externalId) });
    }
  }
  failures.sort((x, y) => x.account.localeCompare(y.account));
  return { sessions, failures, listed };
}

/** One assumed-role session, shared by the identity check and every client of the scan. */
async function assumeRoleSession(session: AwsSession, role: string, o: Pick<OrganizationMemberOptions, 'externalId' | 'sessionDuration'>) {
  const credentials = cachedCredentials(
    credentialProvider({
      credentials: session.credentials,
      role,
      externalId: o.externalId,
      sessionDuration: o.sessionDuration,
      endpointUrl: session.endpoint,
      homeRegion: session.homeRegion,
    }),
  );
  return resolveAwsSession({ credentials, endpointUrl: session.endpoint, homeRegion: session.homeRegion });
}

/**
 * The session of one member account, without listing the organization (a worker scanning
 * that one account): the member role assumed once from the management session, checked to
 * answer as that account.
 *
 * @throws VigilError `ORGANIZATION` saying what to fix when the role cannot be assumed or answers as another account.
 */
export async function organizationMemberSession(
  session: AwsSession,
  account: string,
  o: Pick<OrganizationMemberOptions, 'roleName' | 'externalId' | 'sessionDuration'> = {},
): Promise<OrganizationMemberSession> {
  const roleName = o.roleName ?? DEFAULT_MEMBER_ROLE;
  if (!/^\d{12}$/.test(account)) throw new UsageError(`Account ids are 12 digits, got "${account}".`);
  if (!ROLE_NAME.test(roleName) || roleName.length > 512) {
    throw new UsageError(`The member role name must be an IAM role name (with an optional path) such as ${DEFAULT_MEMBER_ROLE}, got "${roleName}".`);
  }
  let r;
  try {
    r = await assumeRoleSession(session, `arn:${session.partition}:iam::${account}:role/${roleName}`, o);
  } catch (err) {
    if (err instanceof TransientCloudError) throw err;
    const f = memberFailure(err, account, roleName, o.externalId);
    throw new VigilError('ORGANIZATION', `${f.message} (${f.code})`, 1, { cause: err });
  }
  if (r.identity.account !== account) {
    throw new VigilError('ORGANIZATION', `The role ${roleName} in account ${account} answered as account ${r.identity.account}.`, 1);
  }
  return r;
}

function memberFailure(err: unknown, account: string, roleName: string, externalId?: string): { code: string; message: string } {
  // resolveAwsSession wraps the SDK error in a CredentialsError; the code users search for is the SDK's.
  const cause = err instanceof VigilError && err.cause !== undefined ? err.cause : err;
  const code = errorCode(cause);
  if (code === 'AccessDenied' || code === 'AccessDeniedException') {
    return {
      code,
      message:
        `Cannot assume role ${roleName} in account ${account}: ${errorMessage(cause)}. Check the role exists in the account and its trust policy ` +
        `allows the management account${externalId ? ' with the external id' : ''}.`,
    };
  }
  return { code, message: errorMessage(err) };
}
