import type { Cluster, Redis } from 'ioredis';

/** What the store talks to: one Redis (standalone, or found through Sentinel) or a Redis Cluster. */
export type RedisClient = Redis | Cluster;

/** Whether `client` is a Cluster (ioredis marks both kinds with `isCluster`). */
export const isCluster = (client: RedisClient): client is Cluster => client.isCluster;
