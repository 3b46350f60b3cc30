import type { Check } from '@vigil/engine';
import ec2AmiAccountBlockPublicAccess from './ec2_ami_account_block_public_access.ts';
import ec2AmiPublic from './ec2_ami_public.ts';
import ec2EbsDefaultEncryption from './ec2_ebs_default_encryption.ts';
import ec2EbsPublicSnapshot from './ec2_ebs_public_snapshot.ts';
import ec2EbsSnapshotAccountBlockPublicAccess from './ec2_ebs_snapshot_account_block_public_access.ts';
import ec2EbsSnapshotsEncrypted from './ec2_ebs_snapshots_encrypted.ts';
import ec2EbsVolumeEncryption from './ec2_ebs_volume_encryption.ts';
import ec2EbsVolumeSnapshotsExists from './ec2_ebs_volume_snapshots_exists.ts';
import ec2ElasticIpUnassigned from './ec2_elastic_ip_unassigned.ts';
import ec2InstanceAccountImdsv2Enabled from './ec2_instance_account_imdsv2_enabled.ts';
import ec2InstanceDetailedMonitoringEnabled from './ec2_instance_detailed_monitoring_enabled.ts';
import ec2InstanceImdsv2Enabled from './ec2_instance_imdsv2_enabled.ts';
import ec2InstanceInternetFacingWithInstanceProfile from './ec2_instance_internet_facing_with_instance_profile.ts';
import ec2InstanceOlderThanSpecificDays from './ec2_instance_older_than_specific_days.ts';
import ec2InstanceParavirtualType from './ec2_instance_paravirtual_type.ts';
import ec2InstancePortCifsExposedToInternet from './ec2_instance_port_cifs_exposed_to_internet.ts';
import ec2InstanceProfileAttached from './ec2_instance_profile_attached.ts';
import ec2InstancePublicIp from './ec2_instance_public_ip.ts';
import ec2InstanceSecretsUserData from './ec2_instance_secrets_user_data.ts';
import ec2InstanceStoppedOlderThanSpecificDays from './ec2_instance_stopped_older_than_specific_days.ts';
import ec2LaunchTemplateImdsv2Required from './ec2_launch_template_imdsv2_required.ts';
import ec2LaunchTemplateNoPublicIp from './ec2_launch_template_no_public_ip.ts';
import ec2LaunchTemplateNoSecrets from './ec2_launch_template_no_secrets.ts';

/** The EC2 compute and storage checks. */
export const computeChecks: Check[] = [
  ec2AmiAccountBlockPublicAccess,
  ec2AmiPublic,
  ec2EbsDefaultEncryption,
  ec2EbsPublicSnapshot,
  ec2EbsSnapshotAccountBlockPublicAccess,
  ec2EbsSnapshotsEncrypted,
  ec2EbsVolumeEncryption,
  ec2EbsVolumeSnapshotsExists,
  ec2ElasticIpUnassigned,
  ec2InstanceAccountImdsv2Enabled,
  ec2InstanceDetailedMonitoringEnabled,
  ec2InstanceImdsv2Enabled,
  ec2InstanceInternetFacingWithInstanceProfile,
  ec2InstanceOlderThanSpecificDays,
  ec2InstanceParavirtualType,
  ec2InstancePortCifsExposedToInternet,
  ec2InstanceProfileAttached,
  ec2InstancePublicIp,
  ec2InstanceSecretsUserData,
  ec2InstanceStoppedOlderThanSpecificDays,
  ec2LaunchTemplateImdsv2Required,
  ec2LaunchTemplateNoPublicIp,
  ec2LaunchTemplateNoSecrets,
];
