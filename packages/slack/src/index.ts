export * from './escape';
export * from './mrkdwn';
export * from './blocks';
export * from './errors';
export * from './client';
export * from './deploy-message';
