import { passwordRequirementCheck } from './lib/password-policy.ts';

export default passwordRequirementCheck({
  id: 'iam_password_policy_number',
  severity: 'medium',
  field: 'requireNumbers',
  what: 'at least one number',
  cliFlag: '--require-numbers',
  terraformField: 'require_numbers',
});
