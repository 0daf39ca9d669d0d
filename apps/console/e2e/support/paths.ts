import path from 'node:path';

export const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');
export const API_ENTRY = path.join(REPOSITORY_ROOT, 'apps/api/dist/main.js');
export const CONSOLE_DIST = path.join(REPOSITORY_ROOT, 'apps/console/dist');
export const SCREENSHOT_DIR = path.resolve(__dirname, '../screenshots');
