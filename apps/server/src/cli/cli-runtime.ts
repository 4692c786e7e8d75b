/** Start the runtime for a command-line tool, or explain why it cannot start (exit 2). */
import { loadConfig, type Config } from '../config/env.ts';
import { createLogger } from '../platform/observability/logger.ts';
import { startRuntime, type Runtime } from '../platform/runtime.ts';
import { platformFromRuntime, type Platform } from '../platform/platform.ts';

export async function startCliRuntime(): Promise<{ config: Config; runtime: Runtime; platform: Platform }> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  try {
    const runtime = await startRuntime(config, logger, { jobs: 'none' });
    return { config, runtime, platform: platformFromRuntime(runtime) };
  } catch (error) {
    console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}
