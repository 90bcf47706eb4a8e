import { buildConsole, kilobytes } from './build';

/** `npm run console:build`: builds web/ into web/dist and prints the first load's size. */
const report = await buildConsole();
for (const file of report.files) console.log(`  ${file.file}  ${kilobytes(file.bytes)}  (${kilobytes(file.gzipBytes)} gzipped)`);
console.log(`First load: ${kilobytes(report.gzipBytes)} of JavaScript gzipped (budget ${kilobytes(report.budget)}).`);
