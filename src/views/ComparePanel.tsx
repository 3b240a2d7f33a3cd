/** Two runs side by side on the same seed: the current settings against a variant that changes one thing. */
import { createContext, useContext, useId } from 'react';
import { useStore } from 'zustand';
import { CONFIG_FIELDS } from '../shared/config';
import { COMPARE_KEYS, defaultVariant, type CompareKey, type CompareRun, type CompareState, type CompareStore } from '../state/compare';
import { formatValue } from './format';
import { LineChart } from './LineChart';
import { SERIES_COLORS } from './palette';
import { useAppState } from './storeContext';
import { splitRows } from './telemetry';
import { Panel } from './Panel';

/** The comparison store of the page. */
export const CompareContext = createContext<CompareStore | null>(null);

function useCompare<T>(selector: (s: CompareState) => T): T {
  const store = useContext(CompareContext);
  if (!store) throw new Error('useCompare outside CompareContext');
  return useStore(store, selector);
}

const COLORS = [SERIES_COLORS.blue, SERIES_COLORS.vermillion];

/** "step 120 · loss 0.0123" or "diverged at step 4". */
function runSummary(run: CompareRun): string {
  if (run.divergence) return run.divergence.message;
  if (!run.frame || run.frame.step === 0) return 'not started';
  return `step ${run.frame.step} · loss ${formatValue(run.frame.loss)}`;
}

/** "0.012 at t = 1 and 0.34 at t = 20", or "no step yet". */
function profileSummary(points: ReadonlyArray<readonly [number, number]>): string {
  if (!points.length) return 'no step yet';
  const [first, last] = [points[0], points[points.length - 1]];
  return `${formatValue(first[1])} at t = ${first[0]} and ${formatValue(last[1])} at t = ${last[0]}`;
}

/** The losses the runs measure, as their workers reported them (none before a run is configured). */
function lossKinds(runs: ReadonlyArray<Pick<CompareRun, 'runInfo'>>): string[] {
  return [...new Set(runs.flatMap((run) => (run.runInfo ? [run.runInfo.lossLabel] : [])))];
}

/**
 * The y label of the A-and-B loss chart: the runs' own loss ("loss (cross-entropy)"); when the two measure
 * different losses, each ("loss (A: MSE, B: cross-entropy)"); "loss" before either has said what it measures.
 */
export function compareLossLabel(runs: ReadonlyArray<Pick<CompareRun, 'label' | 'runInfo'>>): string {
  const kinds = lossKinds(runs);
  if (kinds.length <= 1) return kinds.length ? `loss (${kinds[0]})` : 'loss';
  return `loss (${runs.map((run) => `${run.label.slice(0, 1)}: ${run.runInfo?.lossLabel ?? '?'}`).join(', ')})`;
}

/** The variant's value control: a select for choices, a number input otherwise. */
function VariantValue({ compareKey, value, onChange, id }: { compareKey: CompareKey; value: unknown; onChange: (v: unknown) => void; id: string }) {
  const field = CONFIG_FIELDS[compareKey];
  if (field.kind === 'enum') {
    return (
      <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {field.options.map((o) => (
          <option key={o} value={o}>
            {field.optionLabels?.[o] ?? o}
          </option>
        ))}
      </select>
    );
  }
  return <input id={id} type="number" step="any" value={String(value)} onChange={(e) => onChange(e.target.value)} />;
}

/** The compare section. */
export function ComparePanel() {
  const config = useAppState((s) => s.config);
  const backend = useAppState((s) => s.backend?.backend);
  const key = useCompare((s) => s.key);
  const value = useCompare((s) => s.value);
  const steps = useCompare((s) => s.steps);
  const status = useCompare((s) => s.status);
  const error = useCompare((s) => s.error);
  const runs = useCompare((s) => s.runs);
  useCompare((s) => s.version);
  const setVariant = useCompare((s) => s.setVariant);
  const setSteps = useCompare((s) => s.setSteps);
  const start = useCompare((s) => s.start);
  const stop = useCompare((s) => s.stop);
  const keyId = useId();
  const valueId = useId();
  const stepsId = useId();

  const lossSeries = (runs ?? []).map((run, side) => ({
    name: `${run.label}${run.divergence ? ` (diverged at step ${run.divergence.step})` : ''}`,
    points: run.losses.points(0),
    color: COLORS[side],
  }));
  const profile = (run: CompareRun) => {
    const info = run.runInfo;
    const norms = run.frame?.hiddenGradNorms;
    if (!info || !norms || norms.length !== info.layerDirs * info.steps || run.frame!.step === 0) return [];
    const top = splitRows(norms, info.layerDirs).at(-1)!;
    return Array.from(top, (v, t) => [t + 1, v] as const);
  };

  return (
    <Panel title="Compare two runs" className="compare">
      <p className="panel-note">
        A trains with the current settings, B with one change; both start from the same seed, weights and batches, each in its own worker.
      </p>
      <div className="compare-form">
        <label htmlFor={keyId}>Change</label>
        <select
          id={keyId}
          value={key}
          onChange={(e) => {
            const k = e.target.value as CompareKey;
            setVariant(k, defaultVariant(k, config));
          }}
        >
          {COMPARE_KEYS.map((k) => (
            <option key={k} value={k}>
              {CONFIG_FIELDS[k].label}
            </option>
          ))}
        </select>
        <label htmlFor={valueId}>to</label>
        <VariantValue id={valueId} compareKey={key} value={value} onChange={(v) => setVariant(key, v)} />
        <label htmlFor={stepsId}>Steps</label>
        <input id={stepsId} type="number" min={1} max={5000} value={steps} onChange={(e) => setSteps(Math.max(1, Math.min(5000, Math.round(Number(e.target.value) || 1))))} />
        {status === 'running' ? (
          <button type="button" onClick={() => void stop()}>
            Stop comparison
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void start(config, backend)}>
            Run comparison
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {runs && (
        <>
          <ul className="compare-summary" aria-live="polite">
            {runs.map((run, side) => (
              <li key={side}>
                <span className="swatch" style={{ background: COLORS[side] }} /> <strong>{run.label}</strong>: {runSummary(run)}
              </li>
            ))}
          </ul>
          {lossKinds(runs).length > 1 && (
            <p className="panel-note" role="note">
              A and B measure different losses ({lossKinds(runs).join(', ')}): their curves are not in the same units.
            </p>
          )}
          <div className="charts">
            <LineChart
              title="Loss, A and B"
              label={`Loss of both runs, ${compareLossLabel(runs)}: ${runs.map((r) => `${r.label}, ${runSummary(r)}`).join('; ')}.`}
              series={lossSeries}
              xLabel="training step"
              yLabel={compareLossLabel(runs)}
              logY
              empty="Run the comparison"
            />
            {/* one chart for both profiles: two half-width charts drew their tick labels too small to read */}
            <LineChart
              title={<>‖∂L/∂h<sub>t</sub>‖ per time step, A and B</>}
              name="‖∂L/∂hₜ‖ per time step, A and B"
              label={`Gradient norm per time step of the top layer at the latest step: ${runs.map((r) => `${r.label}, ${profileSummary(profile(r))}`).join('; ')}.`}
              series={runs.map((run, side) => ({ name: `${run.label}${run.divergence ? ' (diverged)' : ''}`, points: profile(run), color: COLORS[side] }))}
              xLabel="time step t"
              yLabel="‖∂L/∂hₜ‖"
              logY
              empty="no step yet"
            />
          </div>
        </>
      )}
    </Panel>
  );
}
