import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { CredentialsError, TransientCloudError, UsageError, VigilError, errorCode, errorMessage, isThrottle, isTransient } from '@vigil/engine';
import type { AwsSession } from './context.ts';

export interface AwsAuthOptions {
  /**
   * Base credentials to use instead of the SDK's default chain (e.g. a stored account's
   * access keys on the platform); `role` is then assumed from them.
   */
  credentials?: AwsCredentialIdentityProvider;
  profile?: string;
  /** Role to assume in the target account. */
  role?: string;
  externalId?: string;
  /** Seconds, 900–43200. */
  sessionDuration?: number;
  endpointUrl?: string;
  /** Region for STS and global services; defaults to the environment/profile, then us-east-1. */
  homeRegion?: string;
}

export interface AwsIdentity {
  account: string;
  arn: string;
  userId: string;
  partition: string;
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'AuthFailure',
  'IncompleteSignature',
  'InvalidAccessKeyId',
]);

/** True for error codes that mean the credentials themselves are bad or expired. */
export function isCredentialFailure(code: string): boolean {
  return EXPIRED.has(code) || INVALID.has(code) || code === 'CredentialsProviderError';
}

/** Turns a credential/identity failure into one message that says what to do. */
export function credentialsProblem(err: unknown, o: AwsAuthOptions): CredentialsError {
  const code = errorCode(err);
  const msg = errorMessage(err);
  const profileHint = o.profile ? ` (profile "${o.profile}")` : '';
  if (code === 'CredentialsProviderError' || /Could not load credentials|Unable to locate credentials/i.test(msg)) {
    return new CredentialsError(
      `No AWS credentials found${profileHint}. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile NAME, ` +
        `or run "aws sso login". Without credentials, try: vigil scan aws --from-inventory examples/inventory.json`,
      { cause: err },
    );
  }
  if (EXPIRED.has(code) || /expired/i.test(msg)) {
    return new CredentialsError(
      `The AWS credentials${profileHint} have expired (${code}). Refresh them (for SSO: aws sso login${o.profile ? ` --profile ${o.profile}` : ''}) and run the scan again.`,
      { cause: err },
    );
  }
  if (o.role && (code === 'AccessDenied' || code === 'AccessDeniedException')) {
    return new CredentialsError(
      `Cannot assume role ${o.role}: ${msg}. Check the role's trust policy allows your identity${o.externalId ? ' and the --external-id value' : ''}.`,
      { cause: err },
    );
  }
  if (INVALID.has(code)) {
    return new CredentialsError(
      `The AWS credentials${profileHint} were rejected (${code}: ${msg}). Check the access key and secret, or pass another --profile.`,
      { cause: err },
    );
  }
  return new CredentialsError(`Cannot verify the AWS credentials${profileHint}: ${code} (${msg}).`, { cause: err });
}

export function defaultHomeRegion(o: AwsAuthOptions): string {
  return o.homeRegion ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

/** Builds the credential provider: the SDK's default chain, a profile, and optionally an assumed role. */
export function credentialProvider(o: AwsAuthOptions): AwsCredentialIdentityProvider {
  const base = o.credentials ?? fromNodeProviderChain(o.profile ? { profile: o.profile } : {});
  if (!o.role) return base;
  if (o.sessionDuration !== undefined && (o.sessionDuration < 900 || o.sessionDuration > 43200)) {
    throw new UsageError(`--session-duration must be between 900 and 43200 seconds, got ${o.sessionDuration}.`);
  }
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+/.test(o.role)) {
    throw new UsageError(`--role must be an IAM role ARN such as arn:aws:iam::123456789012:role/Audit, got "${o.role}".`);
  }
  return fromTemporaryCredentials({
    masterCredentials: base,
    params: {
      RoleArn: o.role,
      RoleSessionName: 'vigil-scan',
      ...(o.externalId ? { ExternalId: o.externalId } : {}),
      ...(o.sessionDuration ? { DurationSeconds: o.sessionDuration } : {}),
    },
    clientConfig: { region: defaultHomeRegion(o), ...(o.endpointUrl ? { endpoint: o.endpointUrl } : {}) },
  });
}

/** Resolves credentials and the caller identity (STS GetCallerIdentity). Fails with one clear message. */
export async function resolveAwsSession(o: AwsAuthOptions): Promise<{ session: AwsSession; identity: AwsIdentity }> {
  const homeRegion = defaultHomeRegion(o);
  const credentials = credentialProvider(o);
  const sts = new STSClient({
    region: homeRegion,
    credentials,
    // Many member accounts assumed at once share the management account's STS quota.
    maxAttempts: 6,
    ...(o.endpointUrl ? { endpoint: o.endpointUrl } : {}),
  });
  let identity: AwsIdentity;
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    if (!out.Account || !out.Arn) throw new VigilError('CREDENTIALS', 'GetCallerIdentity returned no account');
    identity = { account: out.Account, arn: out.Arn, userId: out.UserId ?? '', partition: out.Arn.split(':')[1] ?? 'aws' };
  } catch (err) {
    if (err instanceof VigilError) throw err;
    if (isThrottle(err) || isTransient(err)) {
      throw new TransientCloudError(`AWS did not answer the identity check (sts:GetCallerIdentity${o.role ? ` as ${o.role}` : ''}): ${errorCode(err)} (${errorMessage(err)}). Try again in a moment.`, { cause: err });
    }
    throw credentialsProblem(err, o);
  } finally {
    sts.destroy();
  }
  return {
    session: {
      account: identity.account,
      partition: identity.partition,
      credentials,
      homeRegion,
      ...(o.endpointUrl ? { endpoint: o.endpointUrl } : {}),
    },
    identity,
  };
}

export interface RegionChoice {
  regions: string[];
  /** Requested regions that are not enabled for the account (skipped, not errors). */
  skipped: string[];
}

/**
 * The regions to scan: the requested ones that are enabled, or every enabled region
 * (`DescribeRegions` with opt-in status), minus the excluded ones.
 */
export async function chooseRegions(
  session: AwsSession,
  requested: readonly string[] | undefined,
  excluded: readonly string[] = [],
): Promise<RegionChoice> {
  const ec2 = new EC2Client({
    region: session.homeRegion,
    credentials: session.credentials,
    maxAttempts: 5,
    ...(session.endpoint ? { endpoint: session.endpoint } : {}),
  });
  let enabled: string[] | undefined;
  let all: string[] = [];
  try {
    const out = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    all = (out.Regions ?? []).map((r) => r.RegionName ?? '').filter(Boolean);
    enabled = (out.Regions ?? [])
      .filter((r) => r.OptInStatus === undefined || r.OptInStatus === 'opt-in-not-required' || r.OptInStatus === 'opted-in')
      .map((r) => r.RegionName ?? '')
      .filter(Boolean);
  } catch (err) {
    const code = errorCode(err);
    if (isCredentialFailure(code)) throw credentialsProblem(err, {});
    if (!requested?.length && (isThrottle(err) || isTransient(err))) {
      throw new TransientCloudError(`AWS did not answer ec2:DescribeRegions: ${code} (${errorMessage(err)}). Try again in a moment.`, { cause: err });
    }
    if (!requested?.length) {
      throw new VigilError(
        'REGIONS',
        `Cannot list the account's regions (ec2:DescribeRegions failed: ${code}). Grant ec2:DescribeRegions or pass --region explicitly.`,
      );
    }
  } finally {
    ec2.destroy();
  }
  const excludedSet = new Set(excluded);
  if (requested?.length) {
    if (enabled && all.length) {
      const unknown = requested.filter((r) => !all.includes(r));
      if (unknown.length) {
        throw new UsageError(`Unknown region ${unknown.join(', ')}. Known regions: ${all.sort().join(', ')}`);
      }
    }
    const ok = enabled ? requested.filter((r) => enabled.includes(r)) : [...requested];
    const skipped = enabled ? requested.filter((r) => !enabled.includes(r)) : [];
    return { regions: ok.filter((r) => !excludedSet.has(r)), skipped };
  }
  return { regions: (enabled ?? []).filter((r) => !excludedSet.has(r)).sort(), skipped: [] };
}

/** Errors that mean a region is not enabled for the account: its units are skipped. */
export function regionSkipReason(err: unknown): string | undefined {
  const code = errorCode(err);
  if (code === 'OptInRequired') return 'the region is not enabled for this account (OptInRequired)';
  return undefined;
}
