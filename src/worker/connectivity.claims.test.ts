/**
 * What the README says the connectivity view ‖∂ŷ_t/∂x_k‖ shows, on the runs it names, trained through the core in
 * Node as the page's worker trains them and read as the worker reads them (probePass, connectivityValues):
 *
 * - `remember` (seed 1, lag 40) at step 400: a GRU's largest input is the marked first symbol; a tanh RNN's first
 *   symbol has faded (under 10⁻⁵ of the last input's); an LSTM at 100% held-out accuracy does not light it (under
 *   10⁻² of the last input's, below the median) — nor does any other gradient score a practitioner might take (the
 *   log-probability of the predicted or the true class, the norm over all centred logits). It still remembers:
 *   replacing the first symbol makes the prediction follow. The derivative is lost at the read-out: every unit
 *   whose forget gates carry step 1 to the end (∏ f > 0.02) has |c_T| so large that o·tanh′(c_T) < 0.01.
 * - Reverse digits at its defaults (LSTM, 4 digits, seed 1) at step 300: every decoder output's longest gradient
 *   among the encoder's digits is the last digit's (no anti-diagonal), while replacing digit k changes exactly
 *   output 5 − k (the anti-diagonal, in What if). Output 1's is the last digit's at every 25th step from 100 to
 *   400, which the e2e check reads after training past step 100. The replacement view (each digit replaced by each
 *   other digit) shows the anti-diagonal there: replacing x_k changes output 5 − k most, for ≥ 85% of the other
 *   digits, at every 25th step from 100 to 400, and exactly (100% on it, 0 elsewhere) at 400.
 */
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { connectivityMatrix, type StackWeights } from '../core/connectivity';
import { Trainer } from '../core/trainer';
import { startingConfig, type TrainConfig } from '../shared/config';
import type { CellKind } from '../shared/spec';
import { presetConfig } from '../test/runClaims';
import { MEMORY_SYMBOLS } from '../tasks/memory';
import { loadTaskData, TASKS } from '../tasks/registry';
import { predictedDigits, reverseBatch } from '../tasks/reverse';
import type { Task } from '../tasks/task';
import { connectivityValues, probePass, replacementShares, type ProbePass } from './deeperReadings';

/** A trainer of `config` after `steps` training steps (the caller disposes it). */
async function trained(config: TrainConfig, steps: number): Promise<Trainer<Task>> {
  const trainer = new Trainer<Task>(config, TASKS[config.task](config, await loadTaskData(config.task, readDataFile)));
  for (let step = 1; step <= steps; step++) await trainer.trainStep(false);
  return trainer;
}

/** The median of some values. */
function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** How the first input compares with the others in a row of connectivity: its share of the last input's, its rank (1: largest), the median. */
function firstInput(row: ArrayLike<number>): { shareOfLast: number; rank: number; median: number; first: number } {
  const first = row[0];
  return { first, shareOfLast: first / row[row.length - 1], rank: 1 + Array.from(row).filter((v) => v > first).length, median: median(row) };
}

/** The remember task's single-layer stack and the probe's last features, for scores of our own. */
function memoryStack(pass: ProbePass, cell: CellKind): { stack: StackWeights; features: number[] } {
  const { weights, records, steps, spec } = pass;
  const H = spec.rnn.hiddenSize;
  const stack: StackWeights = { cell, hidden: H, numLayers: 1, bidirectional: false, layers: [{ inputSize: spec.rnn.inputSize, wIh: weights['rnn.weight_ih_l0'], wHh: weights['rnn.weight_hh_l0'], bHh: weights['rnn.bias_hh_l0'] }] };
  return { stack, features: Array.from(records[0].h).slice((steps - 1) * H, steps * H) };
}

/** ∂score/∂features of the other scores a practitioner would try, for a linear head over `features`. */
function otherScores(weights: Float32Array, bias: Float32Array, features: number[], truth: number): Record<string, number[][]> {
  const K = bias.length;
  const H = features.length;
  const row = (o: number) => Array.from({ length: H }, (_, c) => weights[o * H + c]);
  const logits = Array.from({ length: K }, (_, o) => row(o).reduce((sum, w, c) => sum + w * features[c], bias[o]));
  const top = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - top));
  const p = exps.map((e) => e / exps.reduce((a, b) => a + b, 0));
  const predicted = logits.indexOf(top);
  // log p_c = l_c − log Σ exp l: ∂/∂f = W_c − Σ_o p_o W_o
  const logProbability = (c: number) => row(c).map((w, j) => w - p.reduce((sum, po, o) => sum + po * weights[o * H + j], 0));
  // every logit less the mean logit: the rows' norms combine into the Jacobian's Frobenius norm
  const centred = Array.from({ length: K }, (_, o) => row(o).map((w, j) => w - Array.from({ length: K }, (_, q) => weights[q * H + j]).reduce((a, b) => a + b, 0) / K));
  return { 'log P(predicted)': [logProbability(predicted)], 'log P(true)': [logProbability(truth)], 'all logits (Frobenius)': centred };
}

describe('the connectivity claims of the README on the remember preset (seed 1, lag 40)', () => {
  it('step 400: a GRU lights up the marked first symbol (the largest of the 41 inputs); a tanh RNN’s has faded to under 10⁻⁵ of the last input’s', async () => {
    for (const cell of ['gru', 'rnn-tanh'] as const) {
      const trainer = await trained(presetConfig('remember', { cell }), 400);
      const reading = connectivityValues(await probePass(trainer), 'predicted');
      trainer.dispose();
      expect(reading.values).toHaveLength(41);
      const first = firstInput(reading.values);
      if (cell === 'gru') {
        expect(first.rank).toBe(1);
        expect(first.shareOfLast).toBeGreaterThan(5);
      } else {
        expect(first.shareOfLast).toBeLessThan(1e-5);
        expect(first.first).toBeLessThan(first.median);
      }
    }
  });

  it('step 400: an LSTM at 100% accuracy does not light it under any gradient score, though the prediction follows the symbol; its memory units’ read-out is saturated', async () => {
    const trainer = await trained(presetConfig('remember', { cell: 'lstm' }), 400);
    try {
      expect((await trainer.evaluate()).accuracy).toBe(1);
      const pass = await probePass(trainer);
      const shown = firstInput(connectivityValues(pass, 'predicted').values);
      expect(shown.shareOfLast).toBeLessThan(1e-2);
      expect(shown.first).toBeLessThan(shown.median);

      // the other scores: still under a hundredth of the last input's and below the median
      const { stack, features } = memoryStack(pass, 'lstm');
      const truth = trainer.task.probe.target.indexOf(1);
      const steps = pass.steps;
      for (const [name, grads] of Object.entries(otherScores(pass.weights['head.weight'], pass.weights['head.bias'], features, truth))) {
        const rows = connectivityMatrix(stack, pass.records, steps, grads.map((grad) => ({ step: steps - 1, grad })));
        const combined = Array.from({ length: steps }, (_, k) => Math.sqrt(grads.reduce((sum, _g, r) => sum + rows[r * steps + k] ** 2, 0)));
        const other = firstInput(combined);
        expect(other.shareOfLast, name).toBeLessThan(1e-2);
        expect(other.first, name).toBeLessThan(other.median);
      }

      // it remembers: with the first symbol replaced by each symbol in turn, the prediction is that symbol
      for (let symbol = 0; symbol < MEMORY_SYMBOLS; symbol++) {
        const input = Float32Array.from(trainer.task.probe.input);
        for (let c = 0; c < MEMORY_SYMBOLS; c++) input[c] = c === symbol ? 1 : 0;
        const logits = Array.from(await trainer.predict({ ...trainer.task.probe, input }));
        expect(logits.indexOf(Math.max(...logits))).toBe(symbol);
      }

      // where the derivative is lost: each unit that carries step 1 to the end has a saturated read-out
      const H = stack.hidden;
      const at = (name: string, t: number, j: number) => pass.records[0][name][t * H + j];
      let carriers = 0;
      for (let j = 0; j < H; j++) {
        let carried = 1;
        for (let t = 1; t < steps; t++) carried *= at('f', t, j);
        if (carried <= 0.02) continue;
        carriers++;
        const cellState = at('c', steps - 1, j);
        expect(at('o', steps - 1, j) * (1 - Math.tanh(cellState) ** 2), `unit ${j}`).toBeLessThan(0.01);
      }
      expect(carriers).toBeGreaterThanOrEqual(2);
    } finally {
      trainer.dispose();
    }
  });
});

describe('the connectivity claims of the README on Reverse digits (its defaults: LSTM, 4 digits, seed 1)', () => {
  it('step 300: every output’s longest gradient among the encoder’s digits is the last digit’s (output 1’s from step 100 to 400), while replacing digit k changes output 5 − k alone (most, from step 100 to 400; only, at 400)', async () => {
    const config = startingConfig({ task: 'reverse' });
    expect(config).toMatchObject({ cell: 'lstm', reverseDigits: 4, seed: 1 });
    const trainer = await trained(config, 100);
    /** Each output's encoder digit with the longest gradient (0-based). */
    const strongest = async () => {
      const reading = connectivityValues(await probePass(trainer), 'predicted');
      expect(reading.encoderSteps).toBe(4);
      return [0, 1, 2, 3].map((r) => {
        const encoderRow = Array.from(reading.values.subarray(r * 8, r * 8 + 4));
        return encoderRow.indexOf(Math.max(...encoderRow));
      });
    };
    /** The replacement view's matrix (D × E): the share of the other digits at x_k that change output t. */
    const replacements = async () => Array.from(await replacementShares(await probePass(trainer), trainer.task.probe, trainer.plan));
    const probe = [3, 1, 4, 1];
    const written = async (digits: number[]) => predictedDigits(await trainer.predict(reverseBatch([digits])), 4)[0];
    try {
      // output 1 is what e2e/deeper-inside.spec.ts reads after training past step 100 (where it pauses is not exact)
      for (let step = 100; step <= 400; step += 25) {
        if (step > 100) for (let s = 0; s < 25; s++) await trainer.trainStep(false);
        const found = await strongest();
        expect(found[0], `output 1 at step ${step}`).toBe(3);
        // replacing x_k changes output 4 − k (0-based 3 − k) most, for at least 85% of the other digits
        const shares = await replacements();
        for (let k = 0; k < 4; k++) {
          const column = [0, 1, 2, 3].map((t) => shares[t * 4 + k]);
          expect(column.indexOf(Math.max(...column)), `x_${k + 1} at step ${step}`).toBe(3 - k);
          expect(column[3 - k], `x_${k + 1} at step ${step}`).toBeGreaterThanOrEqual(0.85);
        }
        if (step === 400) expect(shares).toEqual([0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0]);
        if (step !== 300) continue;
        expect(found).toEqual([3, 3, 3, 3]);
        const original = await written(probe);
        expect(original).toEqual([1, 4, 1, 3]);
        for (let k = 0; k < 4; k++) {
          const digits = probe.map((d, i) => (i === k ? (d + 5) % 10 : d));
          const changed = (await written(digits)).flatMap((digit, t) => (digit !== original[t] ? [t + 1] : []));
          expect(changed, `x_${k + 1} replaced`).toEqual([4 - k]);
        }
      }
    } finally {
      trainer.dispose();
    }
  });
});
