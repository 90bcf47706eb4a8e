import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../local/paths';

/** The employee console's sources and its built files (what the gateway and CloudFront serve). */
export const WEB_DIR = join(PROJECT_ROOT, 'web');
export const CONSOLE_DIST = join(WEB_DIR, 'dist');
const MANIFEST = join(CONSOLE_DIST, '.vite', 'manifest.json');
const SOURCES = ['src', 'index.html', 'vite.config.ts'].map((name) => join(WEB_DIR, name));

/** The budget of the issue: the JavaScript a first visit loads, gzipped. */
export const FIRST_LOAD_JS_BUDGET = 200 * 1024;

export interface BundleReport {
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
  budget: number;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** True when there is no build, or a source changed after it. */
export function consoleIsStale(): boolean {
  if (!existsSync(MANIFEST) || !existsSync(join(CONSOLE_DIST, 'index.html'))) return true;
  return Math.max(...SOURCES.map(newestChange)) > statSync(MANIFEST).mtimeMs;
}

/** The entry chunk and everything it imports statically: what the browser loads before the first page shows. */
export function measureFirstLoad(dist = CONSOLE_DIST): BundleReport {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const files = [...seen]
    .map((key) => manifest[key]!.file)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const content = readFileSync(join(dist, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    });
  return { files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0), budget: FIRST_LOAD_JS_BUDGET };
}

/** Builds web/ into web/dist with Vite, measures the first load and refuses a bundle over the budget. */
export async function buildConsole(): Promise<BundleReport> {
  const { build } = await import('vite');
  await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
  const report = measureFirstLoad();
  writeFileSync(join(CONSOLE_DIST, 'bundle-size.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (report.gzipBytes > report.budget) {
    throw new Error(`The console's first-load JavaScript is ${kilobytes(report.gzipBytes)} gzipped, over the ${kilobytes(report.budget)} budget`);
  }
  return report;
}

export const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Builds the console when it is missing or older than its sources; says what it did. */
export async function ensureConsoleBuilt(log: (message: string) => void): Promise<void> {
  if (!consoleIsStale()) return;
  log('Building the employee console (web/ → web/dist)...');
  const report = await buildConsole();
  log(`Console built: ${kilobytes(report.gzipBytes)} of JavaScript gzipped on first load (budget ${kilobytes(report.budget)}).`);
}
