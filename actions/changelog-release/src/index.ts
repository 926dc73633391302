/** The release without the runner: settings, the one call per mode, the GitHub ports, and the report. */
export { runChangelogRelease, type ChangelogReleaseResult, type ReleaseDeps } from './release';
export { githubLifecyclePort, githubReleasesPort, type LifecyclePort, type ReleasesPort } from './github-port';
export { INPUT, readModeSettings, readSettings, type ModeSettings, type Settings } from './inputs';
export { releaseOutputs, releaseSummary } from './report';
