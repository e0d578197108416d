export * from './tables.ts';
export { ConfigError, ConfigNode } from './config/node.ts';
