import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { findExecutable } from '../system/ensure-packages';

/** How to run one backend process. */
export type LaunchSpec = {
  /** Backend name, used in every message about it. */
  name: string;
  command: string;
  args: string[];
  /** Run as this system user (postgres refuses to run as root). */
  runAs?: string;
  /** Signal for a graceful stop: postgres wants SIGINT (fast shutdown), the others SIGTERM. */
  stopSignal?: NodeJS.Signals;
  env?: Record<string, string>;
};

/** A started child process whose output goes to a log file. */
export type ManagedProcess = {
  name: string;
  pid: number;
  commandLine: string;
  logFile: string;
  stopSignal: NodeJS.Signals;
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  exited: Promise<string>;
  hasExited: () => boolean;
  stop: (graceMs?: number) => Promise<void>;
};

/** A backend that did not come up: names it, its command line and its log, with the log's tail. */
export class BackendStartError extends Error {
  constructor(
    readonly backend: string,
    reason: string,
    readonly commandLine: string,
    readonly logFile: string,
    options?: { cause?: unknown },
  ) {
    super(`${backend} failed to start: ${reason}\n  command: ${commandLine}\n  log: ${logFile}\n${describeLog(logFile)}`, options);
    this.name = 'BackendStartError';
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

const START_MARKER = '=== ';
const ERROR_LINE = /level=(error|fatal)|\b(error|fatal|panic)\b/i;

/** The lines this start wrote to the log (the file is appended across starts), or a note. */
function readThisStartsLines(file: string): string[] | string {
  try {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const start = lines.findLastIndex((line) => line.startsWith(START_MARKER));
    return lines.slice(start + 1);
  } catch (error) {
    return `(cannot read: ${error instanceof Error ? error.message : String(error)})`;
  }
}

/** The log's error lines and its last lines, indented, for an error message. */
function describeLog(file: string): string {
  const lines = readThisStartsLines(file);
  if (typeof lines === 'string') return `  ${lines}`;
  if (lines.length === 0) return '  (the log is empty)';
  const errors = [...new Set(lines.filter((line) => ERROR_LINE.test(line)))].slice(-5);
  const parts = errors.length > 0 ? [`  error lines in ${path.basename(file)}:`, indent(errors.join('\n'))] : [];
  return [...parts, `  last lines of ${path.basename(file)}:`, indent(lines.slice(-12).join('\n'))].join('\n');
}

/** Quotes a command line so it can be pasted into a shell. */
export function formatCommandLine(command: string, args: string[]): string {
  return [command, ...args].map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * Wraps the command in setpriv when available: --pdeathsig makes the kernel stop the backend even
 * if this Node process is killed with SIGKILL, and --reuid switches to runAs when we are root.
 */
function wrapCommand(spec: LaunchSpec, stopSignal: NodeJS.Signals): { command: string; args: string[] } {
  const setpriv = findExecutable('setpriv');
  const asRoot = process.getuid?.() === 0;
  if (spec.runAs && asRoot && !setpriv) throw new Error(`${spec.name}: setpriv (util-linux) is needed to run as ${spec.runAs}`);
  if (!setpriv) return { command: spec.command, args: spec.args };
  const userArgs = spec.runAs && asRoot ? ['--reuid', spec.runAs, '--regid', spec.runAs, '--init-groups'] : [];
  return { command: setpriv, args: [...userArgs, '--pdeathsig', stopSignal, '--', spec.command, ...spec.args] };
}

/** Starts the process with stdout and stderr appended to logFile (after a header with the command). */
export function startManagedProcess(spec: LaunchSpec, logFile: string): ManagedProcess {
  const stopSignal = spec.stopSignal ?? 'SIGTERM';
  const { command, args } = wrapCommand(spec, stopSignal);
  const commandLine = formatCommandLine(command, args);
  mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  writeSync(fd, `\n${START_MARKER}${new Date().toISOString()} starting ${spec.name}: ${commandLine}\n`);
  const child = spawn(command, args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...spec.env } });
  closeSync(fd);

  let exitedFlag = false;
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => {
      exitedFlag = true;
      resolve(`could not be spawned (${error.message})`);
    });
    child.once('exit', (code, signal) => {
      exitedFlag = true;
      resolve(signal ? `killed by ${signal}` : `exit code ${String(code)}`);
    });
  });

  const stop = async (graceMs = 15_000): Promise<void> => {
    if (exitedFlag) return;
    child.kill(stopSignal);
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    if ((await Promise.race([exited, timer])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };

  return { name: spec.name, pid: child.pid ?? -1, commandLine, logFile, stopSignal, exited, hasExited: () => exitedFlag, stop };
}

/** Runs a short command (e.g. initdb) to completion with its output in logFile; throws BackendStartError on failure. */
export async function runToCompletion(spec: LaunchSpec, logFile: string): Promise<void> {
  const proc = startManagedProcess(spec, logFile);
  const outcome = await proc.exited;
  if (outcome !== 'exit code 0') throw new BackendStartError(spec.name, `\`${path.basename(spec.command)}\` ended with ${outcome}`, proc.commandLine, logFile);
}

/**
 * Polls `probe` every 250 ms until it returns true. Throws BackendStartError when the process exits
 * first or timeoutMs passes.
 */
export async function waitUntilReady(proc: ManagedProcess, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.hasExited()) throw new BackendStartError(proc.name, `the process ended (${await proc.exited}) before it was ready`, proc.commandLine, proc.logFile);
    if (await probe()) return;
    if (Date.now() > deadline) throw new BackendStartError(proc.name, `not ready after ${Math.round(timeoutMs / 1000)} s`, proc.commandLine, proc.logFile);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
