// Printed once at the start of every test run, so the default output says which variants will be
// skipped on this machine and why (the skipped tests themselves carry the same reason in their names).
import { existsSync } from 'node:fs';

export default function printSkipReasons(): void {
  const lines: string[] = [];
  if (!process.env.DATABASE_URL) {
    lines.push('PostgreSQL variants: skipped — DATABASE_URL is not set (PGlite variants still run)');
  } else {
    lines.push('PostgreSQL variants: run against DATABASE_URL');
  }
  if (!existsSync('/usr/bin/chromium')) {
    lines.push('browser tests: skipped — /usr/bin/chromium is not installed (apt-get install -y chromium)');
  } else {
    lines.push('browser tests: run in /usr/bin/chromium');
  }
  process.stdout.write(`\n${lines.map((l) => `  ${l}`).join('\n')}\n\n`);
}
