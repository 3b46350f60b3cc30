// Plain JavaScript: loaded before anything that needs a recent Node.
export const REQUIRED = { major: 22, minor: 19 };

/** True when `version` (e.g. "20.20.2") is older than the version Vigil needs. */
export function nodeTooOld(version) {
  const [major, minor] = version.split('.').map(Number);
  return major < REQUIRED.major || (major === REQUIRED.major && minor < REQUIRED.minor);
}
