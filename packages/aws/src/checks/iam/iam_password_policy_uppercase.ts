import { passwordRequirementCheck } from './lib/password-policy.ts';

export default passwordRequirementCheck({
  id: 'iam_password_policy_uppercase',
  severity: 'medium',
  field: 'requireUppercaseCharacters',
  what: 'at least one uppercase letter',
  cliFlag: '--require-uppercase-characters',
  terraformField: 'require_uppercase_characters',
});
