/**
 * Readings of the model that cost more than a step's own numbers, taken for some frames only: the PCA of the
 * probe's hidden-state trajectory and σ_max of each gate block of each W_hh.
 */
import { gateBlockSingularValues, pca2 } from '../core/linalg';
import type { Trainer } from '../core/trainer';
import { gateOffset } from '../shared/gateLayout';
import { directions, gateCount } from '../shared/spec';
import type { TelemetryFrame } from '../shared/protocol';

/** PCA of the probe's top-layer, forward-direction h_t trajectory, from packed gates (layerDirs, names, T, H). */
export function projectHidden(trainer: Trainer, gates: Float32Array): TelemetryFrame['hiddenPca'] {
  const { numLayers, hiddenSize } = trainer.spec.rnn;
  const { layerDirs, recordedNames } = trainer;
  const steps = gates.length / (layerDirs * recordedNames.length * hiddenSize);
  const topForward = (numLayers - 1) * directions(trainer.spec.rnn);
  const offset = gateOffset({ layerDirs, recordedNames, steps, hiddenSize }, topForward, 'h');
  return pca2(gates.subarray(offset, offset + steps * hiddenSize), steps, hiddenSize);
}

/** σ_max of each gate block of each W_hh, (W_hh matrices, gate blocks) row-major (see recurrentWeights). */
export async function recurrentSigma(trainer: Trainer): Promise<Float32Array> {
  const blocks = gateCount(trainer.spec.rnn.cell);
  const hidden = trainer.spec.rnn.hiddenSize;
  return Float32Array.from((await trainer.recurrentWeights()).flatMap((w) => gateBlockSingularValues(w, blocks, hidden)));
}
