import check from './guardduty_eks_runtime_monitoring_enabled.ts';
import { detector, guardduty, testFeatureCheck } from './testing.ts';

testFeatureCheck(check, 'EKS_RUNTIME_MONITORING', 'EKS Runtime Monitoring', undefined, {
  pass: [
    {
      name: 'Runtime Monitoring (the successor plan) enabled',
      resource: guardduty({ detector: detector({ RUNTIME_MONITORING: 'ENABLED', EKS_RUNTIME_MONITORING: 'DISABLED' }) }),
    },
  ],
  fail: [{ name: 'Runtime Monitoring disabled', resource: guardduty({ detector: detector({ RUNTIME_MONITORING: 'DISABLED' }) }) }],
});
