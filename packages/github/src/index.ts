export * from './octokit';
export * from './errors';
