// `npx opflow <command> [flags]`. Each command lives in its own file and is loaded on demand so
// that `opflow calendar` does not pay for the solver or the database.
import { AppError } from '../errors.ts';
import { HelpRequested, systemErrorLine } from './args.ts';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export type Command = (args: string[], io: CommandIo) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  seed: {
    summary: 'generate the Södra seed (--seed N --scale X --out FILE | --load)',
    load: () => import('./seed.ts'),
  },
  calendar: {
    summary: 'Swedish closure days of a year (--year YYYY --json)',
    load: () => import('./calendar.ts'),
  },
  plan: {
    summary: 'solve a weekly redistribution plan (--week YYYY-Www ...)',
    load: () => import('./plan.ts'),
  },
  simulate: {
    summary: 'what-if simulation of the waiting list (--weeks 26 --scenario FILE --policy both --json)',
    load: () => import('./simulate.ts'),
  },
  scenario: {
    summary:
      'what-if scenarios between files and the database (save --file F | export --id ID --out F | list)',
    load: () => import('./scenario.ts'),
  },
  serve: {
    summary: 'start the planning server and dashboard (PORT, DATABASE_URL; --demo: demo data and users)',
    load: () => import('./serve.ts'),
  },
  worker: {
    summary: 'run solves and scenario replications from the job queue at DATABASE_URL (--concurrency N)',
    load: () => import('./worker.ts'),
  },
  user: {
    summary: 'create a user: user create --email … --role admin (password from OPFLOW_PASSWORD or stdin)',
    load: () => import('./user.ts'),
  },
};

export async function main(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out('usage: opflow <command> [flags]');
    for (const [n, c] of Object.entries(commands)) io.out(`  ${n.padEnd(10)} ${c.summary}`);
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    io.err(`opflow: unknown command "${name}" (try: ${Object.keys(commands).join(', ')})`);
    return 2;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest, io);
  } catch (e) {
    if (e instanceof HelpRequested) {
      io.out(`usage: opflow ${name} [flags] — ${command.summary}`);
      for (const line of e.usage) io.out(line);
      return 0;
    }
    if (e instanceof AppError) {
      io.err(`opflow ${name}: ${e.message}`);
      return 2;
    }
    // Files, ports and connections: one line naming what failed, not a stack trace.
    const line = systemErrorLine(e);
    if (line !== undefined) {
      io.err(`opflow ${name}: ${line}`);
      return 2;
    }
    throw e;
  }
}

const defaultIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
