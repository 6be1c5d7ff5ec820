// Worker-thread entry: the sources are TypeScript run through tsx (ADR 0001), and a worker does not
// inherit the main thread's loader, so register tsx here before importing the worker module.
import { register } from 'tsx/esm/api';

register();
await import('./solveWorker.ts');
