/** The project's default folders, found from this file's location so that any working directory works. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const DEFAULT_INPUT = path.join(PROJECT_ROOT, 'data', 'raw');
export const DEFAULT_CONFIG = path.join(PROJECT_ROOT, 'data', 'config');
export const DEFAULT_OUT = path.join(PROJECT_ROOT, 'data', 'warehouse');
