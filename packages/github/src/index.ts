export * from './octokit';
export * from './errors';
export * from './node-fetch';
export * from './contents';
