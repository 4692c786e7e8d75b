/** The server's Node command as package.json's scripts run it, for tools that start the server themselves. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

/** `start`: TypeScript through the tsx loader (`npm start`); `start:prod`: the compiled JavaScript (`npm run start:prod`). */
export type ServerScript = 'start' | 'start:prod';

/**
 * The Node arguments of a script's server command (after any `&&` step, such as npm start's web build), so a tool
 * runs exactly what the script runs, its Node flags included.
 */
export function serverNodeArgs(script: ServerScript): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const command = scripts[script]!.split('&&').at(-1)!.trim().split(/\s+/);
  if (command[0] !== 'node') throw new Error(`package.json's ${script} does not end with a node command`);
  return command.slice(1);
}
