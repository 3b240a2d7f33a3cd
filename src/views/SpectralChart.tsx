/** σ_max of each recurrent weight matrix over training, against the line σ = 1 where gradients can grow. */
import { useMemo, type ReactNode } from 'react';
import type { CellKind } from '../shared/spec';
import { formatValue } from './format';
import { LineChart, type Series } from './LineChart';
import { GATE_COLORS, SERIES_COLORS } from './palette';
import { useAppState, useDeferredAppState } from './storeContext';
import { layerDirName } from './telemetry';

/**
 * What σ_max says about gradients through time, for this cell. A vanilla RNN's gradient is multiplied by W_hhᵀ
 * (and the activation's slope, at most 1) at every step back, so σ_max bounds its growth per step; an LSTM's
 * cell state and a GRU's z-weighted path carry it back scaled by a gate instead, so σ_max matters less there.
 */
export function spectralExplanation(cell: CellKind): ReactNode {
  const Whh = (
    <>
      W<sub>hh</sub>
    </>
  );
  if (cell === 'lstm')
    return (
      <>
        An LSTM carries its gradient back along the cell state, c<sub>t</sub> = f<sub>t</sub> ⊙ c<sub>t−1</sub> + i<sub>t</sub> ⊙ g<sub>t</sub>: each
        step back scales it by the forget gate f<sub>t</sub>, not by {Whh}, so with f near 1 it survives whatever σ<sub>max</sub> is. The gate
        blocks of {Whh} act only through the gates and h, so their σ<sub>max</sub> says less about vanishing or exploding than in a vanilla RNN.
      </>
    );
  if (cell === 'gru')
    return (
      <>
        A GRU mixes old and new, h<sub>t</sub> = (1 − z<sub>t</sub>) ⊙ n<sub>t</sub> + z<sub>t</sub> ⊙ h<sub>t−1</sub>: along the z<sub>t</sub> ⊙ h
        <sub>t−1</sub> path each step back scales the gradient by the update gate z<sub>t</sub>, not by {Whh}, so with z near 1 it survives
        whatever σ<sub>max</sub> is. The gate blocks of {Whh} act only through r, z and n, so their σ<sub>max</sub> says less about vanishing or
        exploding than in a vanilla RNN.
      </>
    );
  const slope = cell === 'rnn-relu' ? 'ReLU′ is 0 or 1' : 'tanh′ ≤ 1';
  return (
    <>
      Each step back in time multiplies ∂L/∂h by {Whh}ᵀ and by the activation's slope ({slope}), so σ<sub>max</sub>({Whh}) bounds how much the
      gradient carried back can grow per step: below 1 it shrinks at least geometrically — it vanishes; above 1 it can grow step after step — it can
      explode. A vanilla RNN has no gate to route around {Whh}.
    </>
  );
}

/** One line per layer·direction (and decoder layer) and gate block. */
export function SpectralChart() {
  const info = useAppState((s) => s.runInfo);
  const version = useDeferredAppState((s) => s.historyVersion);
  const history = useAppState((s) => s.sigmaHistory);
  const cell = useAppState((s) => s.runInfo?.cell ?? s.config.cell);
  const dirs = useAppState((s) => (s.runInfo?.bidirectional ? 2 : 1));
  const series = useMemo<Series[]>(() => {
    if (!info) return [];
    const blocks = info.gateBlocks;
    // the encoder's layer·directions, then an encoder–decoder's decoder layers
    const decoderRows = info.decoderSteps > 0 ? info.numLayers : 0;
    const rows = info.layerDirs + decoderRows;
    const rowName = (r: number): string => {
      if (r >= info.layerDirs) return `decoder${decoderRows > 1 ? ` layer ${r - info.layerDirs}` : ''}`;
      const name = info.layerDirs > 1 ? layerDirName(r, dirs) : '';
      return decoderRows > 0 ? `encoder${name && ` ${name}`}` : name;
    };
    // the samples of this run's shape (one filter for all the series)
    const samples = history.samples.filter((s) => s.values.length === rows * blocks);
    const out: Series[] = [];
    for (let r = 0; r < rows; r++) {
      for (let g = 0; g < blocks; g++) {
        const gate = info.gateBlockNames[g];
        const suffix = rowName(r);
        out.push({
          name: `${blocks > 1 ? `W_h${gate}` : 'W_hh'}${suffix ? ` (${suffix})` : ''}`,
          points: samples.map((s) => [s.step, s.values[r * blocks + g]] as const),
          color: blocks > 1 ? GATE_COLORS[gate] : [SERIES_COLORS.neutral, SERIES_COLORS.blue, SERIES_COLORS.vermillion, SERIES_COLORS.green][r % 4],
          dashed: r > 0,
        });
      }
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, info, history, dirs]);
  const now = series.map((s) => `${s.name} ${formatValue(s.points.at(-1)?.[1])}`).join(', ');
  return (
    <div>
      <LineChart
        title={<>Largest singular value σ<sub>max</sub>(W<sub>hh</sub>)</>}
        name="Largest singular value σₘₐₓ(Wₕₕ)"
        label={`Largest singular value of each recurrent weight matrix over training: ${now || 'not measured yet'}.`}
        series={series}
        references={[{ y: 1, label: 'σ = 1', color: SERIES_COLORS.reference }]}
        xLabel="training step"
        yLabel="σ_max"
        empty="Measured as you train"
      />
      <p className="explain">{spectralExplanation(cell)}</p>
    </div>
  );
}
