/**
 * Inside the cell: one heatmap per gate and state (time × unit) for the probe example, with the exact value,
 * step and input under the pointer. Pointing at a heatmap highlights its equation, and back.
 */
import { useMemo, useState } from 'react';
import { CELL_LABELS } from '../shared/config';
import { Heatmap, formatCell, type HeatCell, type HeatScale } from './Heatmap';
import { GATE_COLORS, GATE_LABELS, UNIT_INTERVAL_GATES, gateColorScale, isNonNegative } from './palette';
import { useAppState, useDeferredAppState } from './storeContext';
import { gateMaxAbs, layerDirName } from './telemetry';
import { gateValue, gatesFit, type GateLayout } from '../shared/gateLayout';
import { heldRows, heldRowsLabel } from './heldRows';
import { OneUnitPanel } from './units/OneUnitPanel';

/** A stable symmetric domain: the next power of two above the largest |value| (so colours do not flicker). */
export function niceMaxAbs(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  return 2 ** Math.ceil(Math.log2(max));
}

/** Whether a gate's values are bounded to [−1, 1] by a tanh (so the colour domain can stay fixed). */
function boundedByTanh(name: string, cell: string): boolean {
  return name === 'g' || name === 'n' || (name === 'h' && cell !== 'rnn-relu');
}

/**
 * A gate's heatmap scale for the largest |value| `m` it shows: [0, 1] for σ gates, [0, m] for a ReLU's h (it is
 * never negative, so half of a ± legend would name colours no cell can have), ±m otherwise.
 */
export function gateHeatScale(name: string, cell: string, m: number): HeatScale {
  if (UNIT_INTERVAL_GATES.has(name)) return { domain: [0, 1], color: gateColorScale(name), ticks: [[0, '0'], [0.5, '0.5'], [1, '1']] };
  if (isNonNegative(name, cell)) return { domain: [0, m], color: gateColorScale(name, m, true), ticks: [[0, '0'], [m, formatCell(m)]] };
  return { domain: [-m, m], color: gateColorScale(name, m), ticks: [[-m, formatCell(-m)], [0, '0'], [m, formatCell(m)]] };
}

/** The gate heatmaps of one layer·direction. */
export function GatePanel() {
  // the frame's gates with the run and settings they belong to, deferred together
  const { info, gates, step, cell, dirs } = useDeferredAppState((s) => ({
    info: s.runInfo,
    gates: s.frame?.gates,
    step: s.frame?.step ?? 0,
    cell: s.runInfo?.cell ?? s.config.cell,
    dirs: s.runInfo?.bidirectional ? 2 : 1,
  }));
  const setHover = useAppState((s) => s.setHover);
  const pickUnit = useAppState((s) => s.pickUnit);
  const hoveredGateName = useAppState((s) => s.hoveredGateName);
  const task = useAppState((s) => s.config.task);
  const [layerDir, setLayerDir] = useState(0);
  const layout: GateLayout | undefined = info;
  const fits = gatesFit(gates, layout);
  const ld = info && layerDir < info.layerDirs ? layerDir : 0;

  // Each gate's colour domain: [0, 1] for σ gates, [0, m] for a ReLU's h, else ±m, m rounded so that it rarely changes. The scales
  // (and the heatmaps' colour tables built from them) are remade only when a domain changes, not every frame.
  const domainMax = (name: string) =>
    UNIT_INTERVAL_GATES.has(name) ? 1 : boundedByTanh(name, cell) || !fits ? 1 : niceMaxAbs(gateMaxAbs(gates!, info!, ld, name));
  const domains = info ? info.recordedNames.map(domainMax).join(',') : '';
  const scales = useMemo(() => {
    const out: Record<string, HeatScale> = {};
    if (!info) return out;
    const maxes = domains.split(',').map(Number);
    info.recordedNames.forEach((name, k) => (out[name] = gateHeatScale(name, cell, maxes[k])));
    return out;
  }, [info, cell, domains]);

  if (!info) return null;
  // in `remember`, point at the LSTM's forget-gate rows that stay near 1: they hold the marked symbol
  const taskIsMemory = task === 'memory' && cell === 'lstm' && fits;
  const heldLabel = taskIsMemory ? heldRowsLabel(heldRows(gates!, info, ld, 'f')) : undefined;
  const inputLabel = (t: number) => JSON.stringify(info.probeLabels[t] ?? '').slice(1, -1);
  const describe = (name: string) => (c: HeatCell) => `${name} · t = ${c.col + 1} · unit ${c.row} · x_t = ${inputLabel(c.col)} → ${formatCell(c.value)}`;

  return (
    <section className="panel gate-panel" aria-label="Gates and states">
      <header className="panel-header">
        <h2>Inside the {CELL_LABELS[cell]} cell</h2>
        {info.layerDirs > 1 && (
          <label className="inline-field">
            Layer{' '}
            <select value={ld} onChange={(e) => setLayerDir(Number(e.target.value))}>
              {Array.from({ length: info.layerDirs }, (_, r) => (
                <option key={r} value={r}>
                  {layerDirName(r, dirs)}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <p className="panel-note">
        The probe example ({info.steps} steps) at training step {step}: each map is time t across, hidden unit down.
        {info.decoderSteps > 0 && ` Steps 1–${info.steps - info.decoderSteps} are the encoder's, ${info.steps - info.decoderSteps + 1}–${info.steps} the decoder's (its own weights, the same cell).`}
        {info.recordedNames.some((n) => UNIT_INTERVAL_GATES.has(n))
          ? ' Gates are sigmoids: 0 closed, 1 open.'
          : ' A vanilla RNN has no gates: a is what goes into the activation, h what comes out.'}
        {cell === 'rnn-relu' && ' h = ReLU(a) is never negative, so its colours run from 0.'}
      </p>
      {!fits && <p className="panel-empty">Press Step or Train to see the gates.</p>}
      {fits && (
        <div className="gate-grid">
          {info.recordedNames.map((name) => (
            <Heatmap
              key={name}
              label={`${GATE_LABELS[name]} of ${layerDirName(ld, dirs)}: ${info.hiddenSize} units over ${info.steps} time steps`}
              title={
                name === 'f' && heldLabel ? (
                  <>
                    {GATE_LABELS[name]} <span className="held-rows">{heldLabel}</span>
                  </>
                ) : (
                  GATE_LABELS[name]
                )
              }
              accent={GATE_COLORS[name]}
              rows={info.hiddenSize}
              cols={info.steps}
              value={(row, col) => gateValue(gates!, info, ld, name, col, row)}
              scale={scales[name]}
              version={gates}
              xLabel="time step t →"
              yLabel="unit"
              describe={describe(name)}
              colName={(c) => `t=${c + 1}`}
              rowName={(r) => `unit ${r}`}
              height={Math.min(160, Math.max(60, info.hiddenSize * 6))}
              highlighted={hoveredGateName === name}
              onHover={(c) => setHover(c ? { gate: name, layerDir: ld, t: c.col, unit: c.row, value: c.value } : undefined)}
              onPick={(c) => pickUnit({ layerDir: ld, unit: c.row, name })}
            />
          ))}
        </div>
      )}
      <OneUnitPanel layerDir={ld} />
    </section>
  );
}
