/**
 * Connectivity (issue #16): how much the probe's output at step t moves when its input at step k moves,
 * ‖∂ŷ_t/∂x_k‖ (Distill's "memorization in RNNs", live). The probe's inputs are drawn as a strip coloured by one
 * row (the output the network is trained on for a many-to-one task; a chosen step's prediction for character
 * generation), and for a many-to-many task the whole matrix as a heatmap. Keyboard: arrows move along the
 * strip; each has a table alternative.
 */
import { useId, useState } from 'react';
import { interpolateOranges } from 'd3';
import type { ConnectivityReading } from '../../shared/deeperReadings';
import { formatValue } from '../format';
import { Heatmap, type HeatScale } from '../Heatmap';
import { decadeTicks } from '../logScale';
import { ValueTable } from '../ValueTable';
import { cadenceText } from '../jacobian/latestReading';
import { connectivityRow, inputName, logShades, outputName, scoreName, SHADE_DECADES, strongestEncoderInputs } from './connectivityShades';
import { ReplacementView } from './ReplacementView';
import './connectivity.css';

/** Props: the probe's input labels and the latest reading. */
export interface ConnectivityViewProps {
  inputs: string[];
  reading?: ConnectivityReading;
}

/** The colour of a shade in [0, 1]. */
// Oranges up to 0.68: darker than that, the chip's dark text falls below 4.5:1 (axe color-contrast)
const shadeColor = (shade: number) => interpolateOranges(0.04 + 0.64 * shade);

/** The view. */
export function ConnectivityView({ inputs, reading }: ConnectivityViewProps) {
  const rowCount = reading?.outputSteps.length ?? 0;
  const [chosenRow, setChosenRow] = useState<number>();
  const [cursor, setCursor] = useState<number>();
  const [showTable, setShowTable] = useState(false);
  const readoutId = useId();
  const row = rowCount ? Math.min(chosenRow ?? rowCount - 1, rowCount - 1) : 0;
  const values = reading ? connectivityRow(reading, row) : undefined;
  const shades = values ? logShades(values) : [];
  const max = values ? Math.max(...values) : 0;
  const outputStep = reading?.outputSteps[row];
  const score = reading ? scoreName(reading.score) : 'the output';
  const encoderSteps = reading?.encoderSteps;
  const of = reading && outputStep !== undefined ? `${score} ${encoderSteps !== undefined ? 'of' : 'at'} ${outputName(reading, row)}` : score;
  const nameOf = (k: number) => (reading ? inputName(reading, k) : `x_${k + 1}`);
  const describe = (k: number) =>
    `${nameOf(k)} = “${inputs[k] ?? '?'}”: ‖∂(${of})/∂x_${k + 1}‖ = ${formatValue(values?.[k])}${max > 0 && values ? ` (${((100 * values[k]) / max).toFixed(0)}% of the largest)` : ''}`;
  const strongest = reading ? strongestEncoderInputs(reading) : undefined;
  const stripLabel = reading
    ? `The probe's inputs, each shaded by how much it moves ${of}: ‖∂ŷ/∂x_k‖ on a log scale over ${SHADE_DECADES} decades. Arrow keys move between inputs.`
    : 'Connectivity: not read yet.';
  const matrixScale: HeatScale | undefined = reading && rowCount > 1 ? logScaleOf(reading.values) : undefined;

  return (
    <figure className="chart connectivity-view">
      <figcaption>
        <span className="chart-title">What the output depends on: ‖∂ŷ<sub>t</sub>/∂x<sub>k</sub>‖</span>
        <button type="button" className="link-button" aria-pressed={showTable} onClick={() => setShowTable((v) => !v)} disabled={!reading}>
          {showTable ? 'Hide table' : 'Table'}
        </button>
      </figcaption>
      {!reading && <p className="connectivity-note">Not read yet: press Train or Step.</p>}
      {reading && values && (
        <>
          {rowCount > 1 && (
            <label className="connectivity-row-choice">
              {encoderSteps !== undefined ? 'Decoder output' : 'Prediction at step'}{' '}
              <input type="range" min={1} max={rowCount} value={row + 1} onChange={(e) => setChosenRow(Number(e.target.value) - 1)} aria-valuetext={outputName(reading, row)} />{' '}
              {outputName(reading, row)}
            </label>
          )}
          <div
            className="connectivity-strip"
            role="img"
            aria-label={stripLabel}
            aria-describedby={cursor !== undefined ? readoutId : undefined}
            tabIndex={0}
            onFocus={() => cursor === undefined && setCursor(0)}
            onBlur={() => setCursor(undefined)}
            onMouseLeave={() => setCursor(undefined)}
            onKeyDown={(e) => {
              const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity };
              if (!(e.key in moves)) return;
              e.preventDefault();
              setCursor((c) => Math.min(values.length - 1, Math.max(0, (c ?? 0) + moves[e.key])));
            }}
          >
            {Array.from(values, (_, k) => [
              k === encoderSteps && <span key="handoff" className="connectivity-handoff" aria-hidden="true" title="the hand-off: the decoder starts here" />,
              <span
                key={k}
                className={`connectivity-token${k === cursor ? ' connectivity-token-cursor' : ''}${outputStep !== undefined && k > outputStep && !values[k] ? ' connectivity-token-after' : ''}`}
                style={{ background: shadeColor(shades[k]) }}
                onMouseEnter={() => setCursor(k)}
              >
                {inputs[k] ?? '?'}
              </span>,
            ])}
          </div>
          <p className="connectivity-readout" id={readoutId}>
            {cursor !== undefined ? describe(cursor) : 'Point at an input, or focus the strip and use the arrow keys, to read its value.'}
          </p>
          {matrixScale && (
            <Heatmap
              label={
                encoderSteps !== undefined
                  ? `Connectivity matrix of the probe example: ‖∂ŷ/∂x_k‖ for every decoder output (rows) and input step k (columns: the encoder's ${encoderSteps} inputs, then the decoder's), log colour scale.`
                  : `Connectivity matrix of the probe example: ‖∂ŷ_t/∂x_k‖ for every output step t (rows) and input step k (columns), log colour scale.`
              }
              title={encoderSteps !== undefined ? 'Every decoder output against every input step' : 'Every output step against every input step'}
              rows={rowCount}
              cols={values.length}
              value={(r, c) => reading.values[r * values.length + c]}
              scale={matrixScale}
              version={reading}
              xLabel="input step k →"
              yLabel={encoderSteps !== undefined ? 'output' : 'output t'}
              describe={(cell) => `${encoderSteps !== undefined ? outputName(reading, cell.row) : `output t = ${reading.outputSteps[cell.row] + 1}`} · input k = ${cell.col + 1}${encoderSteps !== undefined ? `, ${inputName(reading, cell.col)}` : ''} (“${inputs[cell.col] ?? '?'}”) · ‖∂ŷ_t/∂x_k‖ = ${formatValue(cell.value)}`}
              colName={(c) => `k=${c + 1}`}
              rowName={(r) => (encoderSteps !== undefined ? `output ${r + 1}` : `t=${reading.outputSteps[r] + 1}`)}
              height={Math.min(220, Math.max(60, rowCount * 4))}
            />
          )}
          <p className="unrolled-caption">
            How much {of} moves when input x<sub>k</sub> moves (for words and characters, their embedded vector): the gradient's length, darker for more, on a log scale
            over {SHADE_DECADES} decades below the largest. An input the output no longer feels has faded: the gradient from it vanished on the way. A faint input need not be forgotten, though: a gradient
            sees small changes only, and an LSTM can hold a symbol in a cell state so large that tanh is flat there, so a small change does nothing while replacing the
            symbol flips the prediction (try it in What if). Read {cadenceText(reading)}.
            {rowCount > 1 && rowCount < values.length && encoderSteps === undefined && ` One backward pass per output step: only the last ${rowCount} output steps are read, as more would slow training.`}
          </p>
          {encoderSteps !== undefined && strongest && (
            <p className="unrolled-caption">
              Encoder–decoder: the strip shows the encoder's {encoderSteps} inputs, then (after the bar) the decoder's own, the start token and the digits it is fed (teacher
              forcing). A decoder output reads the encoder's digits only through the hand-off of its final state. Of the encoder's digits, each output's gradient is now
              longest for: {strongest.map((k, r) => `output ${r + 1} x_${k + 1} (“${inputs[k] ?? '?'}”)`).join(', ')}. Reversing, output 1 writes the last digit and
              the last output the first, but the gradient's length need not show that anti-diagonal: a late input moves the final state most whichever output reads it.
              Replacing a digit outright shows which output reads it:
            </p>
          )}
          {encoderSteps !== undefined && <ReplacementView inputs={inputs} reading={reading} />}
          {showTable && (
            <div className="heatmap-table-wrap">
              <ValueTable
                caption={`‖∂(${of})/∂x_k‖ for each input of the probe, at step ${reading.step}`}
                corner="input k"
                columns={[
                  ...(encoderSteps !== undefined ? [{ key: 'part', header: 'read by', cell: (k: number) => (k < encoderSteps ? 'encoder' : 'decoder') }] : []),
                  { key: 'input', header: 'x_k', cell: (k: number) => inputs[k] ?? '?' },
                  { key: 'value', header: '‖∂ŷ/∂x_k‖', cell: (k: number) => formatValue(values[k]) },
                  { key: 'share', header: 'share of the largest', cell: (k: number) => (max > 0 ? `${((100 * values[k]) / max).toFixed(0)}%` : '—') },
                ]}
                rowCount={values.length}
                rowHeader={(k) => `${k + 1}`}
              />
            </div>
          )}
        </>
      )}
    </figure>
  );
}

/** A log colour scale over the matrix's values: SHADE_DECADES + 1 decades up to its largest. */
function logScaleOf(values: Float32Array): HeatScale {
  let max = 0;
  for (const v of values) if (Number.isFinite(v)) max = Math.max(max, v);
  const hi = Math.ceil(Math.log10(max > 0 ? max : 1));
  const lo = hi - SHADE_DECADES - 1;
  return { domain: [lo, hi], transform: (v) => (v > 0 ? Math.log10(v) : lo), color: (e) => interpolateOranges(0.04 + (0.8 * (e - lo)) / (hi - lo)), ticks: decadeTicks(lo, hi) };
}
