/**
 * `@livepush/auth-core/node`: the Livepush Auth routes on Node's HTTP server, Express and Fastify.
 * The one entry of this package that is Node-only (it speaks `node:http`'s `IncomingMessage` and
 * `ServerResponse`); nothing else imports it, so the other entries stay runtime-neutral.
 *
 * @packageDocumentation
 */

export { type NodeHandler, type NodeHandlerOptions, toNodeHandler } from './handler';
export { type NodeRequest, type NodeRequestOptions, toWebRequest } from './request';
