/** Small helpers shared by the benchmarks: percentiles, a child server, process memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serverNodeArgs } from '../scripts/server-command.ts';
// PostgreSQL ports are chosen by the OS: a fixed range inside Linux's ephemeral ports collided with sockets left by a previous benchmark.
export { freePort } from '../test/support/free-port.ts';

export const ROOT = resolve(import.meta.dirname, '..');

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** Resident memory of a process and its peak, from /proc (Linux). */
export function rssMb(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const read = (key: string) => Number(/\s(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? 0) / 1024;
  return { rss: read('VmRSS:'), hwm: read('VmHWM:') };
}

/**
 * How the server runs, with its script's exact Node flags (a 4 MB young generation keeps the server's memory flat
 * while gigabytes of upload stream through it): `compiled` is what `npm start` and `npm run start:prod` run (the
 * JavaScript of `npm run build:server`, rebuilt here once per benchmark); `tsx` is the TypeScript sources through the
 * tsx loader, as `npm run dev` runs them (without --watch) and as the e2e server does.
 */
export type ServerRuntime = 'tsx' | 'compiled';

let built: Promise<unknown> | null = null;

/** A benchmark measures one thing: the daily backups (2 minutes after start, every studio) would run into it. */
const NO_DAILY_BACKUPS = { BACKUP_DIR: 'off' };

export async function serverArgs(runtime: ServerRuntime): Promise<string[]> {
  const compiled = serverNodeArgs('start');
  if (runtime === 'compiled') {
    built ??= import('../scripts/build-server.ts').then(({ buildServer }) => buildServer(undefined, { clean: false }));
    await built;
    return compiled;
  }
  return [...compiled.filter((a) => a !== 'apps/server/dist/main.js'), '--import', 'tsx', 'apps/server/src/main.ts'];
}

export async function startServer(env: Record<string, string>, runtime: ServerRuntime = 'compiled'): Promise<{ child: ChildProcess; output: () => string }> {
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server under load.
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, ...(await serverArgs(runtime))], {
    cwd: ROOT,
    env: { ...process.env, ...NO_DAILY_BACKUPS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolvePromise, reject) => {
    const timer = setInterval(() => {
      if (/is running at/.test(output)) {
        clearInterval(timer);
        resolvePromise({ child, output: () => output });
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    if (child.exitCode !== null) return r();
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}

/** CPU seconds (user + system) used so far by a process, from /proc. */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuSplit(pid);
  return user + system;
}

/** CPU seconds of a process so far, in user space and in the kernel (system calls: sockets, files). */
export function cpuSplit(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/** A string option (`--name value`), or the fallback. */
export function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** CPU seconds used so far by every process whose command line matches. */
export function cpuSecondsOf(match: RegExp): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (match.test(cmd)) total += cpuSeconds(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Machine-wide busy CPU seconds so far (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return (cpu.reduce((a, b) => a + b, 0) - idle) / 100;
}

/** Writes a benchmark's figures to bench/results/<name>-<timestamp>.json and says where. */
export function saveResults(name: string, results: unknown): string {
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const file = join(ROOT, 'bench/results', `${name}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`Figures saved to ${file}`);
  return file;
}
