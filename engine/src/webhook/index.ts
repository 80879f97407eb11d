export { BoundedSet, TRIGGERS, createWebhookReceiver } from "./receiver.js";
export type {
  WebhookEvent,
  WebhookHandler,
  WebhookLogger,
  WebhookReceiver,
  WebhookReceiverOptions,
} from "./receiver.js";
