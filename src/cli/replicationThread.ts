// Worker-thread module of a scenario replication job (src/scenarios/runs/queueExecutor.ts). A
// composition root: it supplies the seed's generator of arriving patients.
import { parentPort, workerData } from 'node:worker_threads';
import { computeReplication, type ReplicationInput } from '../scenarios/runs/replicate.ts';
import { seedPatientFactory } from '../../seed/arrivals.ts';

const port = parentPort;
if (port === null) throw new Error('replicationThread must run in a worker thread');
try {
  const result = await computeReplication(
    (workerData as { input: ReplicationInput }).input,
    seedPatientFactory,
  );
  port.postMessage({ type: 'result', result });
} catch (e) {
  port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
