// `opflow user create --email … --role admin [--hospital ID] [--name TEXT]`: the first admin of a
// fresh database (and any user later, from the server's shell). The password is read from the
// OPFLOW_PASSWORD environment variable or, when that is unset, from the first line of stdin — never
// from a flag, so it does not end up in the shell history or the process list.
import { z } from 'zod';
import { parseFlags } from './args.ts';
import type { Command } from './main.ts';
import { loadConfig } from '../config.ts';
import { openDb } from '../db/index.ts';
import { Role } from '../auth/roles.ts';
import { createAuditor } from '../auth/audit.ts';
import { createSessionGuard } from '../auth/sessions.ts';
import { adminCreateUser } from '../users/service.ts';
import { Id } from '../domain/snapshot.ts';
import { safeText } from '../domain/safeText.ts';
import { ValidationError } from '../errors.ts';

const Password = safeText(z.string().min(12, 'at least 12 characters').max(1024));

async function readPassword(): Promise<string> {
  const fromEnv = process.env.OPFLOW_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (process.stdin.isTTY)
    throw new ValidationError('password: set OPFLOW_PASSWORD or pipe it on stdin', [
      { field: 'password', message: 'set OPFLOW_PASSWORD or pipe it on stdin' },
    ]);
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trim();
}

export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub !== 'create') {
    io.err(
      'usage: opflow user create --email ADDRESS --role admin|planner|coordinator|analyst [--hospital ID] [--name TEXT]',
    );
    return 2;
  }
  const f = parseFlags(rest, {
    email: { type: 'string', schema: z.string({ message: 'required' }).email().max(254) },
    role: { type: 'string', schema: Role },
    hospital: { type: 'string', schema: Id.optional() },
    name: { type: 'string', schema: safeText(z.string().min(1).max(100)).optional() },
  });
  const pw = Password.safeParse(await readPassword());
  if (!pw.success) {
    const message = pw.error.issues[0]?.message ?? 'invalid password';
    throw new ValidationError(`password: ${message}`, [{ field: 'password', message }]);
  }
  const config = loadConfig();
  const db = await openDb({
    ...(config.databaseUrl !== undefined ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
  });
  try {
    const clock = (): Date => new Date();
    const u = await adminCreateUser(
      { db, auditor: createAuditor(clock), sessions: createSessionGuard(db, clock), clock },
      undefined,
      {
        email: f.email,
        role: f.role,
        hospitalId: f.hospital,
        displayName: f.name ?? f.email,
        password: pw.data,
      },
    );
    io.out(`opflow: created ${u.role} ${u.email} (${u.id})`);
    return 0;
  } finally {
    await db.close();
  }
};
