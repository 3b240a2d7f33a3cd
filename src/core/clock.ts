/** Milliseconds from a monotonic clock where there is one (browser, worker, Node), else the wall clock. */
export function nowMs(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}
