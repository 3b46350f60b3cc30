import type { AwsCollector } from '../../context.ts';
import eips from './compute-eips.collector.ts';
import images from './compute-images.collector.ts';
import instances from './compute-instances.collector.ts';
import launchTemplates from './compute-launch-templates.collector.ts';
import regionalSettings from './compute-regional-settings.collector.ts';
import snapshots from './compute-snapshots.collector.ts';
import volumes from './compute-volumes.collector.ts';

/** The EC2 compute and storage collectors. */
export const computeCollectors: AwsCollector[] = [instances, volumes, snapshots, images, eips, launchTemplates, regionalSettings];
