export type * from '../../wire/models/events.types.js';
