/**
 * Seeded randomness: the same seed gives the same weights, batches and dropout masks on every backend.
 * mulberry32 for uniform floats — small, fast, and good enough for initialisation and sampling.
 */

/** A seeded source of uniform numbers in [0, 1) and the few distributions the app needs. */
export class Rng {
  private state_: number;

  constructor(seed: number) {
    this.state_ = (seed >>> 0) ^ 0x9e3779b9;
  }

  /** The generator's whole state, to checkpoint and restore a run exactly. */
  get state(): number {
    return this.state_;
  }

  set state(value: number) {
    this.state_ = value >>> 0;
  }

  /** Next uniform float in [0, 1). */
  next(): number {
    let t = (this.state_ = (this.state_ + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform float in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A child generator whose stream is independent of this one's future draws. */
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 4294967296));
  }

  /** A 31-bit integer seed, e.g. for tfjs ops that take a seed. */
  seed(): number {
    return Math.floor(this.next() * 2147483647);
  }
}
