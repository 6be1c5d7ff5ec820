// Persistent worker-thread module of scenario jobs (replications and inverse questions; see
// src/jobs/threadPool.ts). A composition root: it supplies the seed's generator of arriving patients.
import { serveJobs } from '../jobs/threadServe.ts';
import { scenarioJobServer } from '../scenarios/runs/threadJobs.ts';
import { seedPatientFactory } from '../../seed/arrivals.ts';

serveJobs(scenarioJobServer(seedPatientFactory));
