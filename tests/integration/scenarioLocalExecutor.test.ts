// The in-process executor of scenario runs: a cancelled run stops before its next replication and
// stays cancelled; a finished run stores each replication once and announces its progress.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';
import { loadSnapshot } from '../../src/db/load.ts';
import { readSnapshot } from '../../src/db/snapshotRepo.ts';
import { saveScenario } from '../../src/scenarios/repo.ts';
import { parseScenario } from '../../src/scenarios/model.ts';
import { createLocalRunExecutor } from '../../src/scenarios/runs/localExecutor.ts';
import { getRunStatus, runReplications } from '../../src/scenarios/runs/repo.ts';
import { seedPatientFactory } from '../../seed/arrivals.ts';
import type { RegionSnapshot } from '../../src/domain/snapshot.ts';

const variant = dbVariants()[0]!;

describe('local scenario-run executor [pglite]', () => {
  it('cancels a queued run before it computes anything, then runs the next one to the end', async () => {
    const db = await variant.open();
    try {
      await loadSnapshot(db, smallSnapshot());
      await saveScenario(db, parseScenario({ schemaVersion: 1, id: 'sc-a', name: 'A' }));
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const events: { done: number; state: string }[] = [];
      const ex = createLocalRunExecutor({
        db,
        events: { emit: (_n, a) => events.push(a.analysts as { done: number; state: string }) },
        sources: {
          loadSnapshot: async () => {
            await gate;
            return (await readSnapshot(db)) as RegionSnapshot;
          },
          patientFactory: seedPatientFactory,
        },
      });
      const spec = {
        scenarios: [{ id: 'sc-a', version: 1 }],
        policies: ['baseline' as const],
        replications: 2,
        weeks: 1,
        seed: 1,
      };
      const first = await ex.start(spec, 'u-test');
      const second = await ex.start({ ...spec, seed: 2 }, 'u-test');
      await ex.cancel(first.runId);
      release();
      await ex.idle();
      expect(await getRunStatus(db, first.runId)).toMatchObject({ state: 'cancelled', done: 0 });
      expect(await getRunStatus(db, second.runId)).toMatchObject({ state: 'done', done: 2, total: 2 });
      expect((await runReplications(db, second.runId)).map((r) => r.replication)).toEqual([0, 1]);
      expect(events.at(-1)).toMatchObject({ state: 'done', done: 2, total: 2 });
    } finally {
      await db.dispose();
    }
  }, 60_000);
});
