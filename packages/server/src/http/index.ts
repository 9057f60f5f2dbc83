export { HttpServer } from './server.js';
export type { RawContext, RawHandler, HttpServerOptions } from './server.js';
export { credentialScope, parseCredential } from './sigv4-scope.js';
export type { CredentialScope } from './sigv4-scope.js';
export { sendJson } from './json-response.js';
export { readBody, BodyTooLargeError } from './body.js';
