import { passwordRequirementCheck } from './lib/password-policy.ts';

export default passwordRequirementCheck({
  id: 'iam_password_policy_symbol',
  severity: 'medium',
  field: 'requireSymbols',
  what: 'at least one symbol',
  cliFlag: '--require-symbols',
  terraformField: 'require_symbols',
});
