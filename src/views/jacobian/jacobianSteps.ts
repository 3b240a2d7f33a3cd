/** Per step numbers of a Jacobian reading for the readout and the table: pure, tested in Node. */
import type { JacobianReading } from '../../shared/deeperReadings';
import { formatValue } from '../format';

/** One step's numbers (t is 0-based). */
export interface JacobianStep {
  t: number;
  /** Whether this step was read (a large state's reading covers only the last steps). */
  read: boolean;
  singularValues: number[];
  productNorm: number;
  /**
   * σ₁(J_T)⋯σ₁(J_{t+1}), the bound the product's norm can never pass (‖AB‖ ≤ ‖A‖‖B‖); undefined where a step it
   * needs was not read.
   */
  sigmaBound?: number;
  /** ‖∂L/∂h_t‖ of the same layer, where the frame has it. */
  gradNorm?: number;
  slopeMean?: number;
  slopeMax?: number;
}

/** The steps of a reading, with the matching ‖∂L/∂h_t‖ row (T values) when given. */
export function jacobianSteps(reading: JacobianReading, gradNorms?: ArrayLike<number>): JacobianStep[] {
  const steps = reading.productNorms.length;
  // the running product of σ₁ from the last step back (1 at the last step: the empty product)
  const bounds = new Array<number | undefined>(steps);
  let bound: number | undefined = 1;
  for (let t = steps - 1; t >= 0; t--) {
    bounds[t] = bound;
    bound = bound !== undefined && t >= reading.fromStep ? bound * reading.singularValues[t * reading.count] : undefined;
  }
  return Array.from({ length: steps }, (_, t) => ({
    t,
    read: t >= reading.fromStep,
    singularValues: Array.from(reading.singularValues.subarray(t * reading.count, (t + 1) * reading.count)),
    productNorm: reading.productNorms[t],
    sigmaBound: bounds[t],
    gradNorm: gradNorms && gradNorms.length === steps ? gradNorms[t] : undefined,
    slopeMean: reading.slopeMean?.[t],
    slopeMax: reading.slopeMax?.[t],
  }));
}

/** The name of the plain RNN's activation slope: tanh′ or ReLU′. */
export function slopeName(cell: string): string {
  return cell === 'rnn-relu' ? 'ReLU′' : 'tanh′';
}

/** The readout of one step, e.g. "t = 5 · σ₁ 0.912, σ₂ 0.403, σ₃ 0.201 · ‖J_T⋯J_{t+1}‖ 0.0410 · ‖∂L/∂h_t‖ 0.00310". */
export function describeStep(step: JacobianStep, cell: string, steps: number): string {
  if (!step.read) return `t = ${step.t + 1} · not read: for a state this large only the last steps are`;
  const sigmas = step.singularValues.map((v, k) => `σ${'₁₂₃₄'[k] ?? k + 1} ${formatValue(v)}`).join(', ');
  const parts = [`t = ${step.t + 1}`, `singular values of J_t: ${sigmas}`, `${productName(step.t, steps)} ${formatValue(step.productNorm)}`];
  if (step.sigmaBound !== undefined && step.t + 1 < steps) parts.push(`at most ∏σ₁ ${formatValue(step.sigmaBound)}`);
  if (step.gradNorm !== undefined) parts.push(`‖∂L/∂h_t‖ ${formatValue(step.gradNorm)}`);
  if (step.slopeMean !== undefined) parts.push(`${slopeName(cell)} mean ${formatValue(step.slopeMean)}, max ${formatValue(step.slopeMax)}`);
  return parts.join(' · ');
}

/** The running product that carries the gradient from the last step back to step t (0-based): ‖J_T ⋯ J_{t+1}‖. */
export function productName(t: number, steps: number): string {
  if (t + 1 >= steps) return '‖I‖ (the last step: no product)';
  return t + 2 === steps ? `‖J_${steps}‖` : `‖J_${steps}⋯J_${t + 2}‖`;
}

/** Whole decades [lo, hi] (log10) covering the positive values and 1, at most `span` decades below the largest. */
export function decadeDomain(values: Iterable<number>, span = 6): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    const e = Math.log10(v);
    lo = Math.min(lo, Math.floor(e));
    hi = Math.max(hi, Math.ceil(e));
  }
  return [Math.max(lo, hi - span), hi === lo ? hi + 1 : hi];
}
