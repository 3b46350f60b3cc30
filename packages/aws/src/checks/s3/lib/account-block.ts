import type { CheckContext } from '@vigil/engine';
import type { S3AccountPublicAccessBlockAttributes, S3PublicAccessBlock } from '../../../resources/s3.ts';

export const ACCOUNT_BLOCK_TYPE = 'AwsS3AccountPublicAccessBlock';

/** `uses` of the checks that let the account-level Block Public Access cover a bucket. */
export const USES_ACCOUNT_BLOCK: Readonly<Record<string, readonly string[]>> = {
  [ACCOUNT_BLOCK_TYPE]: ['publicAccessBlock'],
};

/** The account-level Block Public Access of the bucket's account (`null` when not configured). */
export function accountBlock(ctx: Pick<CheckContext, 'related'>): S3PublicAccessBlock | null {
  const [account] = ctx.related<S3AccountPublicAccessBlockAttributes>(ACCOUNT_BLOCK_TYPE);
  return account?.attributes.publicAccessBlock ?? null;
}
