export { stsProvider } from './provider.js';
