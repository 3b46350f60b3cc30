/** Attribute shapes of EFS resources, as the EFS collectors produce them. */
import type { PolicyDocument } from '../lib/resource-policy.ts';

/** `AwsEfsFileSystem`: one per file system, regional. */
export interface EfsFileSystemAttributes {
  encrypted: boolean;
  kmsKeyId: string | null;
  /** Availability Zone of a One Zone file system, `null` for Regional file systems. */
  availabilityZoneName: string | null;
  numberOfMountTargets: number;
  lifeCycleState: string | null;
  /** Automatic backup policy status (`ENABLED`, `ENABLING`, `DISABLED`, `DISABLING`), `null` when none. */
  backupPolicyStatus: string | null;
  /** File system policy, `null` when none is set (the default grants every client full access). */
  policy: PolicyDocument | null;
}

/** `AwsEfsAccessPoint`: one per access point, regional. */
export interface EfsAccessPointAttributes {
  fileSystemId: string;
  /** Root directory the access point exposes (`/` when not restricted). */
  rootDirectoryPath: string;
  /** The POSIX identity enforced for every request, `null` when none is enforced. */
  posixUser: { uid: number; gid: number; secondaryGids: number[] } | null;
}
