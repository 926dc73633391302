/** The release without the runner: settings, the check / publish call, the releases port, and the report. */
export { runChangelogRelease, type ChangelogReleaseResult, type ReleaseDeps } from './release';
export { githubReleasesPort, type ReleasesPort } from './github-port';
export { INPUT, readSettings, type Settings } from './inputs';
export { releaseOutputs, releaseSummary } from './report';
