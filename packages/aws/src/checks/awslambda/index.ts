import type { Check } from '@vigil/engine';
import envVarsCmk from './awslambda_function_env_vars_not_encrypted_with_cmk.ts';
import insideVpc from './awslambda_function_inside_vpc.ts';
import noDeadLetterQueue from './awslambda_function_no_dead_letter_queue.ts';
import noSecretsInVariables from './awslambda_function_no_secrets_in_variables.ts';
import notPubliclyAccessible from './awslambda_function_not_publicly_accessible.ts';
import urlCorsPolicy from './awslambda_function_url_cors_policy.ts';
import urlPublic from './awslambda_function_url_public.ts';
import crossAccountLayers from './awslambda_function_using_cross_account_layers.ts';
import supportedRuntimes from './awslambda_function_using_supported_runtimes.ts';

export const checks: Check[] = [
  notPubliclyAccessible,
  urlPublic,
  urlCorsPolicy,
  supportedRuntimes,
  noSecretsInVariables,
  insideVpc,
  noDeadLetterQueue,
  envVarsCmk,
  crossAccountLayers,
];
