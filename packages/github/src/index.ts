// The public surface of @shipshape/github: the REST client with its retry, throttle and error policy, the
// contents reader, and the sticky-comment logic with its GitHub port.
export * from './octokit';
export * from './errors';
export * from './node-fetch';
export * from './contents';
export * from './comment-owner';
export * from './sticky-comment';
export * from './sticky-comment-port';
