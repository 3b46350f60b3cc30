import type { Check } from '@vigil/engine';
import { computeChecks } from './compute.ts';
import { networkChecks } from './network.ts';

export const checks: Check[] = [...computeChecks, ...networkChecks];
