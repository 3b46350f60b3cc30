import type { Check } from '@vigil/engine';
import type { AwsCollector } from './context.ts';
import { checks as accessanalyzerChecks } from './checks/accessanalyzer/index.ts';
import { checks as accountChecks } from './checks/account/index.ts';
import { checks as awslambdaChecks } from './checks/awslambda/index.ts';
import { checks as cloudtrailChecks } from './checks/cloudtrail/index.ts';
import { checks as cloudwatchChecks } from './checks/cloudwatch/index.ts';
import { checks as configChecks } from './checks/config/index.ts';
import { checks as dynamodbChecks } from './checks/dynamodb/index.ts';
import { checks as ec2Checks } from './checks/ec2/index.ts';
import { checks as efsChecks } from './checks/efs/index.ts';
import { checks as guarddutyChecks } from './checks/guardduty/index.ts';
import { checks as iamChecks } from './checks/iam/index.ts';
import { checks as kmsChecks } from './checks/kms/index.ts';
import { checks as macieChecks } from './checks/macie/index.ts';
import { checks as organizationsChecks } from './checks/organizations/index.ts';
import { checks as rdsChecks } from './checks/rds/index.ts';
import { checks as s3Checks } from './checks/s3/index.ts';
import { checks as secretsmanagerChecks } from './checks/secretsmanager/index.ts';
import { checks as securityhubChecks } from './checks/securityhub/index.ts';
import { checks as snsChecks } from './checks/sns/index.ts';
import { checks as sqsChecks } from './checks/sqs/index.ts';
import { checks as vpcChecks } from './checks/vpc/index.ts';
import { collectors as accessanalyzerCollectors } from './collectors/accessanalyzer/index.ts';
import { collectors as awslambdaCollectors } from './collectors/awslambda/index.ts';
import { collectors as cloudtrailCollectors } from './collectors/cloudtrail/index.ts';
import { collectors as cloudwatchCollectors } from './collectors/cloudwatch/index.ts';
import { collectors as configCollectors } from './collectors/config/index.ts';
import { collectors as dynamodbCollectors } from './collectors/dynamodb/index.ts';
import { collectors as ec2Collectors } from './collectors/ec2/index.ts';
import { collectors as efsCollectors } from './collectors/efs/index.ts';
import { collectors as guarddutyCollectors } from './collectors/guardduty/index.ts';
import { collectors as iamCollectors } from './collectors/iam/index.ts';
import { collectors as kmsCollectors } from './collectors/kms/index.ts';
import { collectors as macieCollectors } from './collectors/macie/index.ts';
import { collectors as organizationsCollectors } from './collectors/organizations/index.ts';
import { collectors as rdsCollectors } from './collectors/rds/index.ts';
import { collectors as s3Collectors } from './collectors/s3/index.ts';
import { collectors as secretsmanagerCollectors } from './collectors/secretsmanager/index.ts';
import { collectors as securityhubCollectors } from './collectors/securityhub/index.ts';
import { collectors as snsCollectors } from './collectors/sns/index.ts';
import { collectors as sqsCollectors } from './collectors/sqs/index.ts';

/** Every AWS check, grouped by service in a stable order. */
export const awsChecks: readonly Check[] = [
  ...accessanalyzerChecks,
  ...accountChecks,
  ...awslambdaChecks,
  ...cloudtrailChecks,
  ...cloudwatchChecks,
  ...configChecks,
  ...dynamodbChecks,
  ...ec2Checks,
  ...efsChecks,
  ...guarddutyChecks,
  ...iamChecks,
  ...kmsChecks,
  ...macieChecks,
  ...organizationsChecks,
  ...rdsChecks,
  ...s3Checks,
  ...secretsmanagerChecks,
  ...securityhubChecks,
  ...snsChecks,
  ...sqsChecks,
  ...vpcChecks,
];

/** Every AWS collector. */
export const awsCollectors: readonly AwsCollector[] = [
  ...accessanalyzerCollectors,
  ...awslambdaCollectors,
  ...cloudtrailCollectors,
  ...cloudwatchCollectors,
  ...configCollectors,
  ...dynamodbCollectors,
  ...ec2Collectors,
  ...efsCollectors,
  ...guarddutyCollectors,
  ...iamCollectors,
  ...kmsCollectors,
  ...macieCollectors,
  ...organizationsCollectors,
  ...rdsCollectors,
  ...s3Collectors,
  ...secretsmanagerCollectors,
  ...securityhubCollectors,
  ...snsCollectors,
  ...sqsCollectors,
];
