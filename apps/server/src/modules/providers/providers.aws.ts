import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { DEFAULT_MEMBER_ROLE, defaultHomeRegion, organizationMemberSessions, resolveAwsSession } from '@vigil/aws';
import type { AwsIdentity, AwsSession, OrganizationMembers } from '@vigil/aws';
import { VigilError } from '@vigil/engine';

/** The decrypted secret of a provider (never logged, never returned). */
export type ProviderSecret = (
  | { method: 'access_keys'; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | { method: 'role'; externalId?: string }
) & {
  /** Organization: the external id the member roles require. */
  memberExternalId?: string;
};

/** What a scan or a connection test needs to reach the account. */
export interface ProviderAccess {
  /** `aws` (one account) or `organization` (the management account and its members); `aws` when absent. */
  kind?: 'aws' | 'organization';
  /** Organization: the role assumed in every member account. */
  memberRoleName?: string | null;
  accountId: string;
  roleArn: string | null;
  endpointUrl: string | null;
  secret: ProviderSecret | null;
}

/** The access keys of a stored account, or undefined for role-based accounts. */
function accessKeys(p: ProviderAccess): AwsCredentialIdentityProvider | undefined {
  if (p.secret?.method !== 'access_keys') return undefined;
  const { accessKeyId, secretAccessKey, sessionToken } = p.secret;
  return async () => ({ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) });
}

/**
 * Resolves the session and caller identity (STS GetCallerIdentity) of a stored account
 * exactly as the CLI does, with the account's own access keys, or the role assumed (with
 * its external id) from the server's AWS identity, and its endpoint.
 *
 * @throws CredentialsError with a message that says what to fix; VigilError ACCOUNT_MISMATCH.
 */
export async function resolveProviderSession(p: ProviderAccess): Promise<{ session: AwsSession; identity: AwsIdentity }> {
  const keys = accessKeys(p);
  if (!keys && !p.roleArn) throw new VigilError('CREDENTIALS', 'The provider has neither access keys nor a role ARN.');
  const resolved = await resolveAwsSession({
    credentials: keys,
    role: keys ? undefined : (p.roleArn ?? undefined),
    externalId: p.secret?.method === 'role' ? p.secret.externalId : undefined,
    endpointUrl: p.endpointUrl ?? undefined,
    homeRegion: defaultHomeRegion({}),
  });
  if (resolved.identity.account !== p.accountId) {
    throw new VigilError(
      'ACCOUNT_MISMATCH',
      `The credentials belong to AWS account ${resolved.identity.account}, not ${p.accountId} as registered: fix the credentials or register account ${resolved.identity.account}.`,
    );
  }
  return resolved;
}

/** The management account's session and every member account's, for an organization provider. */
export interface OrganizationSessions {
  management: { session: AwsSession; identity: AwsIdentity };
  /** Sessions of every reachable active account (the management account first) and the unreachable ones. */
  members: OrganizationMembers;
}

/**
 * Resolves an organization provider: the management account as {@link resolveProviderSession}
 * does, then its active accounts (organizations:ListAccounts) and a session in each member
 * through the member role. A member that cannot be assumed is in `members.failures`, not thrown.
 *
 * @throws CredentialsError / VigilError ACCOUNT_MISMATCH for the management account; VigilError ORGANIZATION
 * when the accounts cannot be listed.
 */
export async function resolveOrganizationSessions(p: ProviderAccess, o: { accounts?: readonly string[]; concurrency?: number } = {}): Promise<OrganizationSessions> {
  const management = await resolveProviderSession(p);
  const members = await organizationMemberSessions(management.session, {
    roleName: p.memberRoleName ?? DEFAULT_MEMBER_ROLE,
    externalId: p.secret?.memberExternalId,
    ...(o.accounts ? { accounts: o.accounts } : {}),
    ...(o.concurrency ? { concurrency: o.concurrency } : {}),
  });
  return { management, members };
}
