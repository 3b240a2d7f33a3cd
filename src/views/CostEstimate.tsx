/**
 * What the chosen settings cost, next to them: the trainer's memory and the time of one step ("≈ 180 MB, ≈ 0.4 s a
 * step"), from shared/cost.ts, before anything trains. Its title and accessible name give the parts of the memory
 * and say that the time is a rough estimate, on the backend the worker runs on (WASM until one is chosen).
 */
import { useMemo } from 'react';
import { MEMORY_BUDGET_BYTES, estimateCost, formatBytes, formatSeconds, secondsPerStep, taskSizes, type CostBackend } from '../shared/cost';
import { useAppState } from './storeContext';
import './costEstimate.css';

/** Memory and time a step for the current settings; a settings change the app refuses never reaches it. */
export function CostEstimate() {
  const config = useAppState((s) => s.config);
  const backend = useAppState((s) => s.backend?.backend) as CostBackend | undefined;
  const backendLabel = useAppState((s) => s.backend?.label) ?? 'WASM';
  const usingOwnData = useAppState((s) => s.runInfo?.usingUserData ?? false);
  const { estimate, seconds } = useMemo(() => {
    const estimate = estimateCost(config, taskSizes(config, usingOwnData));
    return { estimate, seconds: secondsPerStep(estimate, backend ?? 'wasm') };
  }, [config, backend, usingOwnData]);
  const memory = formatBytes(estimate.memoryBytes);
  const time = formatSeconds(seconds);
  const largest = [...estimate.parts].sort((a, b) => b.bytes - a.bytes).slice(0, 3);
  const breakdown = largest.map((part) => `${part.label} ${formatBytes(part.bytes)}`).join(', ');
  const share = estimate.memoryBytes / MEMORY_BUDGET_BYTES;
  const description =
    `Estimated cost of these settings: about ${memory} of memory (largest parts: ${breakdown}; ` +
    `this app allows ${formatBytes(MEMORY_BUDGET_BYTES)}) and about ${time} a training step on ${backendLabel} — a rough estimate.`;
  return (
    <p className="cost-estimate" data-heavy={share > 0.5 ? 'true' : undefined} title={description} aria-label={description}>
      <span className="cost-estimate-label">Cost</span> ≈ {memory}
      {share > 0.5 && ` of the ${formatBytes(MEMORY_BUDGET_BYTES)} allowed`}, ≈ {time} a step
    </p>
  );
}
