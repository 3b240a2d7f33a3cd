/**
 * Encoder–decoder only: what replacing one encoder digit does to each output it writes, the finite counterpart of
 * connectivity (worker/deeperReadings.ts's replacementShares). A gradient sees small changes of the embedded digit
 * only, and there a late digit moves the final state most for every output; replacing the digit outright shows which
 * output really reads it: a reversal's anti-diagonal. A heatmap with its own readout and table alternative.
 */
import { interpolateOranges } from 'd3';
import type { ConnectivityReading } from '../../shared/deeperReadings';
import { Heatmap, type HeatScale } from '../Heatmap';
import { mostChangedOutputs } from './connectivityShades';

/** Shares in [0, 1] on a linear orange scale. */
const SHARE_SCALE: HeatScale = {
  domain: [0, 1],
  color: (share) => interpolateOranges(0.04 + 0.8 * share),
  ticks: [
    [0, '0%'],
    [0.5, '50%'],
    [1, '100%'],
  ],
};

/** Props: the probe's input labels and a reading that carries replacements. */
export interface ReplacementViewProps {
  inputs: string[];
  reading: ConnectivityReading;
}

/** The view (nothing without replacements). */
export function ReplacementView({ inputs, reading }: ReplacementViewProps) {
  const { replacement, encoderSteps } = reading;
  const most = mostChangedOutputs(reading);
  if (!replacement || encoderSteps === undefined || !most) return null;
  const outputs = replacement.length / encoderSteps;
  const percent = (share: number) => `${Math.round(100 * share)}%`;
  return (
    <>
      <Heatmap
        label={`What replacing an encoder digit changes: for each decoder output (rows) and encoder input x_k (columns), the share of the other digits at x_k that change the digit the output writes, decoding greedily.`}
        title="Replace a digit: which outputs change"
        rows={outputs}
        cols={encoderSteps}
        value={(t, k) => replacement[t * encoderSteps + k]}
        scale={SHARE_SCALE}
        version={reading}
        xLabel="encoder input k →"
        yLabel="output"
        describe={(cell) => `output ${cell.row + 1} · encoder x_${cell.col + 1} (“${inputs[cell.col] ?? '?'}”) replaced by each other digit: the output changes for ${percent(cell.value)} of them`}
        colName={(k) => `x_${k + 1}`}
        rowName={(t) => `output ${t + 1}`}
        height={Math.min(160, Math.max(60, outputs * 10))}
      />
      <p className="unrolled-caption">
        Each encoder digit replaced by each other digit in turn, then decoded as on held-out data: the share of replacements that change each output's digit. A
        reversal reads the anti-diagonal, x<sub>1</sub> → the last output. Now the output each digit changes most:{' '}
        {most.map(({ output, share }, k) => `x_${k + 1} (“${inputs[k] ?? '?'}”) → output ${output + 1} (${percent(share)})`).join(', ')}.
      </p>
    </>
  );
}
