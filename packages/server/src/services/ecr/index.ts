export { ecrProvider } from './provider.js';
export type { EcrDeps } from './support.js';
