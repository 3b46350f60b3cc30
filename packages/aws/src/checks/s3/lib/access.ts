/**
 * Pure analysis of S3 bucket access: ACL grants to the public groups, bucket-policy
 * statements open to everyone, Block Public Access in force, cross-account principals and
 * the deny-insecure-transport statement. Builds on the shared resource-policy helper, with
 * the same conservative stance: `Deny` statements are not subtracted from `Allow` ones.
 */
import type { PolicyDocument, PolicyStatement } from '../../../lib/resource-policy.ts';
import { hasRestrictingCondition, isEveryonePrincipal, policyStatements } from '../../../lib/resource-policy.ts';
import type { S3Acl, S3Grant, S3PublicAccessBlock } from '../../../resources/s3.ts';

export const ALL_USERS_URI = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS_URI = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/** ACL permissions that let the grantee list (read) the bucket. */
export const ACL_READ_PERMISSIONS: readonly string[] = ['READ', 'FULL_CONTROL'];
/** ACL permissions that let the grantee write objects or rewrite the bucket ACL. */
export const ACL_WRITE_PERMISSIONS: readonly string[] = ['WRITE', 'WRITE_ACP', 'FULL_CONTROL'];

/** Condition keys that also narrow S3 callers (access-point delegation). */
export const S3_RESTRICTING_KEYS: readonly string[] = ['s3:DataAccessPointAccount', 's3:DataAccessPointArn'];

/** Actions that change data or access in a bucket; a public grant of any of them is a public write. */
export const S3_WRITE_ACTIONS: readonly string[] = [
  's3:PutObject',
  's3:PutObjectAcl',
  's3:PutObjectTagging',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:DeleteObjectTagging',
  's3:RestoreObject',
  's3:AbortMultipartUpload',
  's3:ReplicateObject',
  's3:ReplicateDelete',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketAcl',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketOwnershipControls',
  's3:DeleteBucket',
];

const asArray = (v: unknown): string[] =>
  v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');

// ---------------------------------------------------------------------------------------------
// ACLs

/** `AllUsers` or `AuthenticatedUsers` (any AWS account), or undefined for other grantees. */
export function publicGroupOf(grant: S3Grant): 'AllUsers' | 'AuthenticatedUsers' | undefined {
  if (!grant.uri) return undefined;
  const uri = grant.uri.toLowerCase().replace(/^https:/, 'http:');
  if (uri === ALL_USERS_URI.toLowerCase()) return 'AllUsers';
  if (uri === AUTHENTICATED_USERS_URI.toLowerCase()) return 'AuthenticatedUsers';
  return undefined;
}

/** ACL grants to the public groups, optionally only those with one of `permissions`. */
export function publicAclGrants(acl: S3Acl | null | undefined, permissions?: readonly string[]): S3Grant[] {
  return (acl?.grants ?? []).filter(
    (g) => publicGroupOf(g) !== undefined && (!permissions || permissions.includes(g.permission.toUpperCase())),
  );
}

/** `READ to AllUsers, WRITE to AuthenticatedUsers` */
export function describeGrants(grants: readonly S3Grant[]): string {
  return grants.map((g) => `${g.permission} to ${publicGroupOf(g) ?? g.uri ?? g.id ?? g.type}`).join(', ');
}

// ---------------------------------------------------------------------------------------------
// Block Public Access

export type BlockSetting = keyof S3PublicAccessBlock;

export const BLOCK_SETTINGS: readonly BlockSetting[] = [
  'blockPublicAcls',
  'ignorePublicAcls',
  'blockPublicPolicy',
  'restrictPublicBuckets',
];

/** The API names of the settings, for messages: `blockPublicAcls` → `BlockPublicAcls`. */
export const settingName = (s: BlockSetting): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The settings in force for a bucket: each one is on when the bucket or the account turns it on. */
export function effectiveBlock(
  bucket: S3PublicAccessBlock | null | undefined,
  account: S3PublicAccessBlock | null | undefined,
): S3PublicAccessBlock {
  const on = (s: BlockSetting) => bucket?.[s] === true || account?.[s] === true;
  return {
    blockPublicAcls: on('blockPublicAcls'),
    ignorePublicAcls: on('ignorePublicAcls'),
    blockPublicPolicy: on('blockPublicPolicy'),
    restrictPublicBuckets: on('restrictPublicBuckets'),
  };
}

/** Settings that are off in `block` (all four when it is null). */
export function missingSettings(block: S3PublicAccessBlock | null | undefined): BlockSetting[] {
  return BLOCK_SETTINGS.filter((s) => block?.[s] !== true);
}

/** Where a setting in force comes from, for messages. */
export function settingSource(
  setting: BlockSetting,
  bucket: S3PublicAccessBlock | null | undefined,
  account: S3PublicAccessBlock | null | undefined,
): 'bucket' | 'account' | undefined {
  if (bucket?.[setting]) return 'bucket';
  if (account?.[setting]) return 'account';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Policies

/** IAM-style wildcard match (`*` any run, `?` one character), case-insensitive. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'is').test(value);
}

/** True when an `Allow`/`Deny` statement covers `action` (through `Action` or `NotAction`). */
export function statementCoversAction(st: PolicyStatement, action: string): boolean {
  if (st.Action !== undefined) return asArray(st.Action).some((p) => wildcardMatch(p, action));
  if (st.NotAction !== undefined) return !asArray(st.NotAction).some((p) => wildcardMatch(p, action));
  return false;
}

/** True when the statement's resources cover `arn` (through `Resource` or `NotResource`). */
export function statementCoversResource(st: PolicyStatement, arn: string): boolean {
  if (st.Resource !== undefined) return asArray(st.Resource).some((p) => wildcardMatch(p, arn));
  if (st.NotResource !== undefined) return !asArray(st.NotResource).some((p) => wildcardMatch(p, arn));
  return false;
}

export interface OpenStatement {
  /** Sid, or `#<index>` when the statement has none. */
  sid: string;
  /** The actions of the grant that matter to the caller (e.g. the write actions). */
  actions: string[];
}

const sidOf = (st: PolicyStatement, i: number) => (st.Sid ? st.Sid : `#${i}`);

/** True when an `Allow` statement applies to everyone with no condition narrowing the callers. */
export function isOpenToEveryone(st: PolicyStatement): boolean {
  if (typeof st !== 'object' || st === null) return false;
  if (String(st.Effect ?? '').toLowerCase() !== 'allow') return false;
  const everyone = isEveryonePrincipal(st.Principal) || st.NotPrincipal !== undefined;
  return everyone && !hasRestrictingCondition(st, { extraRestrictingKeys: S3_RESTRICTING_KEYS });
}

/**
 * The `Allow` statements open to everyone. With `actions`, only the statements that grant
 * at least one of them, reporting which ones.
 */
export function publicPolicyStatements(
  policy: PolicyDocument | null | undefined,
  actions?: readonly string[],
): OpenStatement[] {
  const out: OpenStatement[] = [];
  policyStatements(policy).forEach((st, i) => {
    if (!isOpenToEveryone(st)) return;
    if (!actions) {
      out.push({ sid: sidOf(st, i), actions: st.Action !== undefined ? asArray(st.Action) : ['NotAction'] });
      return;
    }
    const granted = actions.filter((a) => statementCoversAction(st, a));
    if (granted.length > 0) out.push({ sid: sidOf(st, i), actions: granted });
  });
  return out;
}

/** `Sid1 (s3:GetObject); Sid2 (s3:PutObject, s3:DeleteObject) and 2 more` */
export function describeStatements(statements: readonly OpenStatement[], maxShown = 3, maxActions = 3): string {
  const parts = statements.slice(0, maxShown).map((s) => {
    const acts = s.actions.slice(0, maxActions).join(', ') + (s.actions.length > maxActions ? ', …' : '');
    return `${s.sid} (${acts})`;
  });
  const more = statements.length > maxShown ? ` and ${statements.length - maxShown} more` : '';
  return `${parts.join('; ')}${more}`;
}

const INSECURE_VALUES = new Set(['false']);

/**
 * True when the policy denies every S3 action on the bucket's objects to every principal
 * whenever `aws:SecureTransport` is false (the CIS "deny HTTP requests" statement).
 */
export function deniesInsecureTransport(policy: PolicyDocument | null | undefined, bucketArn: string): boolean {
  const objectArn = `${bucketArn}/example-object`;
  return policyStatements(policy).some((st) => {
    if (typeof st !== 'object' || st === null) return false;
    if (String(st.Effect ?? '').toLowerCase() !== 'deny') return false;
    if (!isEveryonePrincipal(st.Principal)) return false;
    if (st.Action === undefined || !asArray(st.Action).some((a) => a === '*' || a.toLowerCase() === 's3:*')) return false;
    if (!statementCoversResource(st, objectArn)) return false;
    return Object.entries(st.Condition ?? {}).some(
      ([op, block]) =>
        ['bool', 'boolifexists'].includes(op.toLowerCase()) &&
        block &&
        typeof block === 'object' &&
        Object.entries(block).some(
          ([key, value]) =>
            key.toLowerCase() === 'aws:securetransport' &&
            (Array.isArray(value) ? value : [value]).length > 0 &&
            (Array.isArray(value) ? value : [value]).every((v) => INSECURE_VALUES.has(String(v).toLowerCase())),
        ),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Cross-account access

const ACCOUNT_ID = /^\d{12}$/;
const ARN_ACCOUNT = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/;
const ACCOUNT_CONDITION_KEYS = new Set(['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner', 'aws:resourceaccount']);
const ARN_CONDITION_KEYS = new Set(['aws:principalarn', 'aws:sourcearn']);
const ORG_CONDITION_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths']);

/** The account id in an account id or an ARN, if any. */
export function accountOf(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  return ARN_ACCOUNT.exec(value)?.[1];
}

export interface CrossAccountGrant {
  sid: string;
  /** Who is trusted: an account id, `everyone`, or `organization <id>`. */
  grantee: string;
}

export interface CrossAccountOptions {
  trustedAccountIds?: readonly string[];
  /** Organization ids (`o-…`) or paths whose `aws:PrincipalOrg…` conditions are accepted. */
  trustedOrganizationIds?: readonly string[];
}

/**
 * The grants a bucket policy makes to principals outside `account`: `AWS` principals in other
 * accounts, and everyone-principals unless a condition pins the callers to this account.
 * Service principals and canonical users are not attributed to an account.
 */
export function crossAccountGrants(
  policy: PolicyDocument | null | undefined,
  account: string,
  o: CrossAccountOptions = {},
): CrossAccountGrant[] {
  const trusted = new Set([account, ...(o.trustedAccountIds ?? [])]);
  const trustedOrgs = (o.trustedOrganizationIds ?? []).map((x) => x.toLowerCase());
  const out: CrossAccountGrant[] = [];
  const add = (sid: string, grantee: string) => {
    if (!out.some((g) => g.sid === sid && g.grantee === grantee)) out.push({ sid, grantee });
  };
  policyStatements(policy).forEach((st, i) => {
    if (typeof st !== 'object' || st === null) return;
    if (String(st.Effect ?? '').toLowerCase() !== 'allow') return;
    const sid = sidOf(st, i);
    if (st.NotPrincipal !== undefined || isEveryonePrincipal(st.Principal)) {
      const restriction = conditionScope(st, trusted, trustedOrgs);
      if (restriction.kind === 'none') add(sid, 'everyone');
      for (const a of restriction.otherAccounts) add(sid, a);
      for (const org of restriction.untrustedOrgs) add(sid, `organization ${org}`);
      return;
    }
    const principal = st.Principal;
    if (!principal || typeof principal !== 'object') return;
    for (const [kind, value] of Object.entries(principal)) {
      if (kind.toUpperCase() !== 'AWS') continue;
      for (const v of asArray(value)) {
        const acct = accountOf(v);
        if (acct && !trusted.has(acct)) add(sid, acct);
      }
    }
  });
  return out;
}

interface ConditionScope {
  /** `none`: nothing narrows the callers. */
  kind: 'none' | 'restricted';
  otherAccounts: string[];
  untrustedOrgs: string[];
}

function conditionScope(st: PolicyStatement, trusted: ReadonlySet<string>, trustedOrgs: readonly string[]): ConditionScope {
  const scope: ConditionScope = { kind: 'none', otherAccounts: [], untrustedOrgs: [] };
  if (!hasRestrictingCondition(st, { extraRestrictingKeys: S3_RESTRICTING_KEYS })) return scope;
  scope.kind = 'restricted';
  for (const [op, block] of Object.entries(st.Condition ?? {})) {
    const operator = op.toLowerCase();
    if (operator.includes('not') || operator.endsWith('ifexists') || !block || typeof block !== 'object') continue;
    for (const [key, value] of Object.entries(block)) {
      const k = key.toLowerCase();
      for (const v of asArray(value)) {
        if (ACCOUNT_CONDITION_KEYS.has(k) || ARN_CONDITION_KEYS.has(k) || k === 's3:dataaccesspointaccount') {
          const acct = accountOf(v);
          if (acct && !trusted.has(acct) && !scope.otherAccounts.includes(acct)) scope.otherAccounts.push(acct);
        } else if (ORG_CONDITION_KEYS.has(k)) {
          const org = k === 'aws:principalorgid' ? v : (v.split('/')[0] ?? v);
          if (!trustedOrgs.some((t) => t === org.toLowerCase() || v.toLowerCase().startsWith(`${t}/`))) {
            if (!scope.untrustedOrgs.includes(org)) scope.untrustedOrgs.push(org);
          }
        }
      }
    }
  }
  return scope;
}
