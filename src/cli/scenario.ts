// `opflow scenario save --file F | export --id ID [--version N] --out F | list`: what-if scenarios between
// JSON files and the database (PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise).
// Every save is a new version; `opflow simulate --scenario FILE` runs a file.
import { z } from 'zod';
import { parseFlags } from './args.ts';
import type { Command } from './main.ts';
import { readScenarioFile, writeScenarioFile } from '../scenarios/file.ts';
import { Id } from '../domain/snapshot.ts';
import { ValidationError } from '../errors.ts';

const flags = {
  file: { type: 'string', schema: z.string().min(1).optional() },
  id: { type: 'string', schema: Id.optional() },
  version: { type: 'string', schema: z.coerce.number().int('expected an integer').positive().optional() },
  out: { type: 'string', schema: z.string().min(1).optional() },
  'data-dir': { type: 'string', schema: z.string().min(1).optional() },
} as const;

export const run: Command = async (args, io) => {
  const [action, ...rest] = args;
  if (action !== 'save' && action !== 'export' && action !== 'list') {
    throw new ValidationError('action: expected save, export or list', [
      { field: 'action', message: 'expected save, export or list' },
    ]);
  }
  const f = parseFlags(rest, flags);
  const need = (flag: string, v: string | undefined): string => {
    if (v === undefined)
      throw new ValidationError(`--${flag}: required for ${action}`, [
        { field: `--${flag}`, message: 'required' },
      ]);
    return v;
  };
  // Validate the file before opening a database: a bad file changes nothing.
  const scenario = action === 'save' ? await readScenarioFile(need('file', f.file), '--file') : undefined;
  const { openDb } = await import('../db/index.ts');
  const repo = await import('../scenarios/repo.ts');
  const databaseUrl = process.env.DATABASE_URL;
  const db = await openDb({
    ...(databaseUrl !== undefined && databaseUrl !== '' ? { databaseUrl } : {}),
    ...(f['data-dir'] !== undefined ? { dataDir: f['data-dir'] } : {}),
  });
  try {
    if (scenario !== undefined) {
      const saved = await repo.saveScenario(db, scenario);
      io.out(`saved scenario ${saved.id} version ${saved.version}`);
    } else if (action === 'export') {
      const s = await repo.getScenario(db, need('id', f.id), f.version);
      await writeScenarioFile(need('out', f.out), s);
      io.out(`wrote scenario ${s.id} version ${s.version} to ${f.out}`);
    } else {
      for (const s of await repo.listScenarios(db)) io.out(`${s.id}\tv${s.version}\t${s.name}`);
    }
  } finally {
    await db.close();
  }
  return 0;
};
