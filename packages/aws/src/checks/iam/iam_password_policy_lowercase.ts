import { passwordRequirementCheck } from './lib/password-policy.ts';

export default passwordRequirementCheck({
  id: 'iam_password_policy_lowercase',
  severity: 'low',
  field: 'requireLowercaseCharacters',
  what: 'at least one lowercase letter',
  cliFlag: '--require-lowercase-characters',
  terraformField: 'require_lowercase_characters',
});
