// The seed generator's PRNG lives in src/random/ since the simulation draws from it too.
export { createRng, Rng, WeightedSampler } from '../src/random/rng.ts';
