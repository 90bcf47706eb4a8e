import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A watchdog process: when the parent disappears without cleaning up (SIGKILL, a killed test
 * worker), it kills the children it was given. 'exit' handlers cannot run in that case.
 */
const REAPER_SOURCE = `
const [parent, ...pids] = process.argv.slice(1).map(Number);
for (const signal of ['SIGINT', 'SIGHUP']) process.on(signal, () => {});
setInterval(() => {
  try { process.kill(parent, 0); return; } catch {}
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch {} }
  process.exit(0);
}, 500);
`;

export interface Reaper {
  stop: () => void;
}

export function startReaper(children: ChildProcess[]): Reaper {
  const pids = children.map((child) => child.pid).filter((pid): pid is number => pid !== undefined);
  const reaper = spawn(process.execPath, ['-e', REAPER_SOURCE, String(process.pid), ...pids.map(String)], { stdio: 'ignore' });
  reaper.unref();
  const stop = () => void reaper.kill('SIGKILL');
  process.once('exit', stop);
  return {
    stop: () => {
      process.off('exit', stop);
      stop();
    },
  };
}

/** Kills `child` when this process exits, however it exits; returns the function that stops doing so. */
export function killOnExit(child: ChildProcess): () => void {
  const kill = () => void child.kill('SIGKILL');
  process.once('exit', kill);
  return () => process.off('exit', kill);
}

/** Asks a child to stop, then kills it if it has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
