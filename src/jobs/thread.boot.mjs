// Worker-thread entry for job code written in TypeScript: a worker does not inherit the main
// thread's tsx loader, so register it here, then import the module named in workerData.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.module);
