import type { Check } from '@vigil/engine';
import automatedDiscovery from './macie_automated_sensitive_data_discovery_enabled.ts';
import isEnabled from './macie_is_enabled.ts';

export const checks: Check[] = [isEnabled, automatedDiscovery];
