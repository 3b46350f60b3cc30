/** Attribute shapes of Lambda resources, as the Lambda collectors produce them. */
import type { PolicyDocument } from '../lib/resource-policy.ts';

export interface LambdaVpcConfig {
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
}

export interface LambdaFunctionUrl {
  url: string;
  /** `NONE` (public, no IAM authentication) or `AWS_IAM`. */
  authType: string;
  /** CORS allowed origins, `[]` when CORS is not configured. */
  corsAllowOrigins: string[];
}

/** `AwsLambdaFunction`: one per function ($LATEST), regional. */
export interface LambdaFunctionAttributes {
  /** Managed runtime identifier; `null` for container-image functions. */
  runtime: string | null;
  /** `Zip` or `Image`. */
  packageType: string;
  role: string | null;
  /** `null` when the function is not attached to a VPC. */
  vpcConfig: LambdaVpcConfig | null;
  /** Names of the environment variables (never values). */
  environmentVariableNames: string[];
  /**
   * Environment variable values. Sensitive: filled only when a selected check needs it
   * (the secrets check), and never put into finding messages.
   */
  environment: Record<string, string>;
  /** Customer managed KMS key for environment variables, `null` for the AWS managed key. */
  kmsKeyArn: string | null;
  /** X-Ray tracing mode, `Active` or `PassThrough`. */
  tracingMode: string | null;
  /** Dead-letter queue or topic ARN, `null` when none. */
  deadLetterTargetArn: string | null;
  /** Layer version ARNs. */
  layers: string[];
  /** Resource-based policy; `null` when the function has none. */
  policy: PolicyDocument | null;
  /** Function URLs of the function and its aliases (`[]` when none). */
  functionUrls: LambdaFunctionUrl[];
  tags: Record<string, string>;
}
