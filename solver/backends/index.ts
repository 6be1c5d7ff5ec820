import { highsBackend } from './highs.ts';
import { jslBackend } from './jsl.ts';
import type { MipBackend } from './model.ts';

export type BackendName = 'highs' | 'jsl';
export const BACKENDS: Record<BackendName, MipBackend> = { highs: highsBackend, jsl: jslBackend };
export type { MipBackend, LinearModel, MipOptions, MipSolution } from './model.ts';
export { ModelBuilder, modelObjective } from './model.ts';
