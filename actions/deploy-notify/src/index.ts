/**
 * What the CLI may use: the input rules (so `shipshape notify` accepts exactly what the action does) and the webhook
 * body, without the runner and the Slack transports.
 */
export { MENTION_FORMS_TEXT, readMentions, readTemplate } from './inputs';
export { webhookMessage, type NotifyRequest } from './notify';
