import type { Framework } from '@vigil/engine';
import cis40 from './frameworks/cis_4.0_aws.json' with { type: 'json' };
import fsbp from './frameworks/aws_foundational_security_best_practices_aws.json' with { type: 'json' };

/** Every framework Vigil ships, as data: requirement → check ids. */
export const frameworks: readonly Framework[] = [cis40 as Framework, fsbp as Framework];

export function getFramework(id: string): Framework | undefined {
  return frameworks.find((f) => f.id === id);
}
