// Named surgeons and the session plan in the database (ADR 0024): an exact round trip through the
// snapshot tables, and a fingerprint that moves when a surgeon or a session changes.
import { describe, expect, it } from 'vitest';
import { readSnapshot, replaceSnapshot } from '../../src/db/snapshotRepo.ts';
import { snapshotFingerprint } from '../../src/db/snapshotVersion.ts';
import { surgeonNames } from '../../src/db/staffRepo.ts';
import { RegionSnapshot } from '../../src/domain/snapshot.ts';
import { dbVariants, useDb } from '../helpers/db.ts';
import { staffSnapshot } from '../helpers/staffSnapshot.ts';

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`${variant.name}: surgeons and sessions`, () => {
    const db = useDb(variant);

    it('round-trips surgeons, sessions and waiting-list surgeon ties exactly', async () => {
      const s = RegionSnapshot.parse(staffSnapshot());
      const { counts } = await replaceSnapshot(db(), s);
      expect(counts.surgeons).toBe(3);
      expect(counts.theatre_sessions).toBe(4);
      const back = await readSnapshot(db());
      expect(back?.surgeons).toEqual(s.surgeons);
      expect(back?.sessions).toEqual(s.sessions);
      expect(JSON.stringify(back)).toBe(JSON.stringify(s));
      expect(back?.waitingList.filter((p) => p.surgeonId !== undefined).length).toBe(1);
      expect(back?.waitingList.filter((p) => p.preferredSurgeonId !== undefined).length).toBe(1);
    });

    it('changes the snapshot fingerprint when a surgeon or a session changes', async () => {
      await replaceSnapshot(db(), RegionSnapshot.parse(staffSnapshot()));
      const before = await snapshotFingerprint(db());
      await db().query(`UPDATE surgeons SET max_min_per_day = 300 WHERE id = 'op-lund-ortho-2'`);
      const afterSurgeon = await snapshotFingerprint(db());
      expect(afterSurgeon).not.toBe(before);
      await db().query(`DELETE FROM theatre_sessions WHERE id = 'se-hlm-op1-0303-day'`);
      expect(await snapshotFingerprint(db())).not.toBe(afterSurgeon);
    });

    it('names surgeons by id', async () => {
      await replaceSnapshot(db(), RegionSnapshot.parse(staffSnapshot()));
      const names = await surgeonNames(db(), ['op-lund-ortho-1', 'op-unknown']);
      expect([...names]).toEqual([['op-lund-ortho-1', 'Eva Lindqvist']]);
    });
  });
}
