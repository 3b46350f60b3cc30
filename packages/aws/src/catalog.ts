import type { Check } from '@vigil/engine';
import type { AwsCollector } from './context.ts';
import accountCollector from './collectors/iam/account.collector.ts';
import passwordLength from './checks/iam/iam_password_policy_minimum_length_14.ts';

/** Every AWS check, in a stable order. */
export const awsChecks: readonly Check[] = [passwordLength];

/** Every AWS collector. */
export const awsCollectors: readonly AwsCollector[] = [accountCollector];
