import type { AttachedPolicy, IAMClient, PolicyDetail } from '@aws-sdk/client-iam';
import { paginateGetAccountAuthorizationDetails, paginateListEntitiesForPolicy } from '@aws-sdk/client-iam';
import type { GetAccountAuthorizationDetailsResponse } from '@aws-sdk/client-iam';
import type { AttachedPolicyRef, InlinePolicy, PolicyDocument, PolicyEntities } from '../../../resources/iam.ts';

/** A date from the SDK as an ISO string, `null` when absent. */
export function iso(d: Date | string | undefined | null): string | null {
  if (d === undefined || d === null) return null;
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Parses an IAM policy document. IAM returns documents URL-encoded (RFC 3986) from most
 * read APIs; plain JSON is accepted too. A document that cannot be parsed throws
 * `MalformedPolicyDocument`, recorded on the attribute by `ctx.enrich`.
 */
export function decodePolicyDocument(text: string | undefined | null): PolicyDocument | null {
  if (text === undefined || text === null || text === '') return null;
  const attempts: (() => string)[] = [() => text, () => decodeURIComponent(text)];
  for (const get of attempts) {
    try {
      const parsed: unknown = JSON.parse(get());
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as PolicyDocument;
    } catch {
      // try the next form
    }
  }
  throw Object.assign(new Error('The policy document is neither JSON nor URL-encoded JSON.'), {
    name: 'MalformedPolicyDocument',
  });
}

export function attachedRefs(list: readonly AttachedPolicy[] | undefined): AttachedPolicyRef[] {
  return (list ?? []).map((p) => ({ policyName: p.PolicyName ?? '', policyArn: p.PolicyArn ?? '' }));
}

export function inlinePolicies(list: readonly PolicyDetail[] | undefined): InlinePolicy[] {
  return (list ?? []).map((p) => ({
    policyName: p.PolicyName ?? '',
    document: decodePolicyDocument(p.PolicyDocument) ?? {},
  }));
}

/** Runs `fn` once, on first use; later callers share the same promise (and failure). */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

export type AuthorizationFilter = 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy';

export interface AuthorizationDetails {
  users: NonNullable<GetAccountAuthorizationDetailsResponse['UserDetailList']>;
  groups: NonNullable<GetAccountAuthorizationDetailsResponse['GroupDetailList']>;
  roles: NonNullable<GetAccountAuthorizationDetailsResponse['RoleDetailList']>;
  policies: NonNullable<GetAccountAuthorizationDetailsResponse['Policies']>;
}

/** `GetAccountAuthorizationDetails` for the given entity types, every page. */
export async function authorizationDetails(iam: IAMClient, filter: AuthorizationFilter[]): Promise<AuthorizationDetails> {
  const out: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
  for await (const page of paginateGetAccountAuthorizationDetails({ client: iam }, { Filter: filter })) {
    out.users.push(...(page.UserDetailList ?? []));
    out.groups.push(...(page.GroupDetailList ?? []));
    out.roles.push(...(page.RoleDetailList ?? []));
    out.policies.push(...(page.Policies ?? []));
  }
  return out;
}

/** The users, groups and roles a managed policy is attached to. */
export async function entitiesForPolicy(iam: IAMClient, policyArn: string): Promise<PolicyEntities> {
  const out: PolicyEntities = { users: [], groups: [], roles: [] };
  for await (const page of paginateListEntitiesForPolicy({ client: iam }, { PolicyArn: policyArn })) {
    out.users.push(...(page.PolicyUsers ?? []).map((u) => u.UserName ?? ''));
    out.groups.push(...(page.PolicyGroups ?? []).map((g) => g.GroupName ?? ''));
    out.roles.push(...(page.PolicyRoles ?? []).map((r) => r.RoleName ?? ''));
  }
  return out;
}

/** An error with an AWS-like code, for states the API reports in its response body. */
export function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: code });
}

export const NO_SUCH_ENTITY = ['NoSuchEntity', 'NoSuchEntityException'] as const;
