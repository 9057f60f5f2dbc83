export type { RequestContext, ServiceProvider, OperationHandler } from './provider.js';
export { stsProvider } from './sts/index.js';
