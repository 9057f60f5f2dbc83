export type { ServiceModel, Shape, Operation, MemberRef } from './model.js';
export type { WireRequest, WireResponse, Protocol } from './wire-types.js';
export { Router } from './route.js';
export { Dispatcher } from './dispatch.js';
export type { CallLog } from './dispatch.js';
export { renderError } from './render-error.js';
export { validateInput } from './validate.js';
export { serviceModels, providerOf } from './models/index.js';
