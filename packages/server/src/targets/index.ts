export type { Target, DeliveryRequest, DeliveryOutcome } from './target.js';
