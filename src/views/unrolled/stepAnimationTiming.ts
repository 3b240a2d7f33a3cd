/**
 * When each part of the Step animation lights up. The forward pass flashes one column every COLUMN_MS, left to right
 * (right to left for a backward direction, which reads the sequence the other way); after a pause, BPTT glows back
 * the other way round, each part as bright as its log ‖∂L/∂h_t‖.
 */
import { MAX_COLUMNS } from './unrolledLayout';

/** Delay from one column to the next. */
export const COLUMN_MS = 40;
/** Duration of a forward flash: the CSS animation unrolled-flash. */
export const FLASH_MS = 420;
/** Duration of a backward glow: the CSS animation unrolled-glow. */
export const GLOW_MS = 700;
/** Between the forward pass reaching the loss and the gradient leaving it. */
export const PAUSE_MS = 250;
/** How long the overlay lives: the longest pass (MAX_COLUMNS columns each way) with its last glow, and a margin. */
export const PASS_MS = 2 * MAX_COLUMNS * COLUMN_MS + PAUSE_MS + GLOW_MS + 200;

/** Delay of the forward flash of visible column k of n, for the forward (0) or backward (1) direction. */
export function forwardDelayMs(k: number, n: number, direction = 0): number {
  return (direction === 0 ? k : n - 1 - k) * COLUMN_MS;
}

/** When BPTT leaves the last column: half a flash after the forward pass reached it, then the pause. */
export function backwardStartMs(n: number): number {
  return n * COLUMN_MS + FLASH_MS / 2 + PAUSE_MS;
}

/** When the outputs ŷ glow (the loss's gradient starts there): as the last forward flash fades, before the pause. */
export function outputGlowDelayMs(n: number): number {
  return backwardStartMs(n) - PAUSE_MS;
}

/** Delay of the BPTT glow of visible column k of n: right to left for the forward direction, mirrored for the backward. */
export function backwardDelayMs(k: number, n: number, direction = 0): number {
  return backwardStartMs(n) + (direction === 0 ? n - 1 - k : k) * COLUMN_MS;
}

/** Peak opacity of a glow for ‖∂L/∂h_t‖ at this log intensity in [0, 1]; without gradients yet, one fixed brightness. */
export function glowOpacity(gradIntensity: number[][] | undefined, layerDir: number, t: number): number {
  return gradIntensity ? 0.12 + 0.88 * (gradIntensity[layerDir]?.[t] ?? 0) : 0.85;
}
