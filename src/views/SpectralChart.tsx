/** σ_max of each recurrent weight matrix over training, against the line σ = 1 where gradients can grow. */
import { useMemo } from 'react';
import { formatValue } from './format';
import { LineChart, type Series } from './LineChart';
import { GATE_COLORS } from './palette';
import { useAppState, useDeferredAppState } from './storeContext';
import { layerDirName } from './telemetry';

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
          color: blocks > 1 ? GATE_COLORS[gate] : ['#333333', '#0072B2', '#D55E00', '#009E73'][r % 4],
          dashed: r > 0,
        });
      }
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, info, history, dirs]);
  const now = series.map((s) => `${s.name} ${formatValue(s.points.at(-1)?.[1])}`).join(', ');
  const gated = cell === 'lstm' || cell === 'gru';
  return (
    <div>
      <LineChart
        title={<>Largest singular value σ<sub>max</sub>(W<sub>hh</sub>)</>}
        label={`Largest singular value of each recurrent weight matrix over training: ${now || 'not measured yet'}.`}
        series={series}
        references={[{ y: 1, label: 'σ = 1', color: '#555' }]}
        xLabel="training step"
        yLabel="σ_max"
        empty="Measured as you train"
      />
      <p className="explain">
        Backpropagation multiplies ∂L/∂h by W<sub>hh</sub>ᵀ (and the activation's slope, at most 1 for tanh) once per step back in
        time. If every σ<sub>max</sub> stays below 1 the gradient shrinks at least geometrically — it vanishes; above 1 it can grow
        step after step — it can explode.
        {gated && ' In gated cells the forget (LSTM) or update (GRU) gate also scales the path through c or h, which is how they keep gradients alive.'}
        {!gated && ' A vanilla RNN has no gate to route around W_hh: every step back multiplies by it again.'}
      </p>
    </div>
  );
}
