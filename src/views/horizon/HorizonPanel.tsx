/**
 * The memory-horizon curve: held-out accuracy against lag for the tanh RNN, the LSTM and the GRU, measured live
 * in a worker on the learner's press, beside their ‖∂L/∂h_t‖ profiles at lag 40 before and after training. A
 * progress bar, a Stop, and a time left estimated from the speed measured so far.
 */
import { useStore } from 'zustand';
import { CELL_LABELS } from '../../shared/config';
import { HORIZON_CELLS, HORIZON_LAGS, HORIZON_STEPS, HORIZON_TOTAL_STEPS } from '../../shared/horizon';
import { LineChart, type Series } from '../LineChart';
import { Panel } from '../Panel';
import { SERIES_COLORS } from '../palette';
import { createHorizonStore, fractionDone, type HorizonState } from './horizonStore';
import { HORIZON_INTRO, HORIZON_READING } from './horizonText';
import { overlapNote } from './overlaps';
import './horizon.css';

/** One colour per cell, the same in both charts. */
export const CELL_COLORS = { 'rnn-tanh': SERIES_COLORS.vermillion, lstm: SERIES_COLORS.blue, gru: SERIES_COLORS.green } as const;

/** The page's one measurement (shared by a lesson's card and the lab). */
const pageStore = createHorizonStore();

/** "about 40 s left", "measuring the speed…". */
function timeLeft(state: HorizonState): string {
  if (state.status !== 'running') return '';
  if (state.secondsLeft === undefined) return 'measuring the speed…';
  const s = Math.max(1, Math.round(state.secondsLeft));
  return `about ${s < 90 ? `${s} s` : `${Math.round(s / 60)} min`} left at the speed so far (longer lags are slower, so it may run over)`;
}

/** The accuracy curve's series: one per cell, over the lags measured so far. */
function curveSeries(state: HorizonState): Series[] {
  return HORIZON_CELLS.map((cell) => ({
    name: CELL_LABELS[cell],
    color: CELL_COLORS[cell],
    // the LSTM and GRU often both sit at 100%: the GRU dashed over a wider LSTM keeps both in sight
    dashed: cell === 'gru',
    width: cell === 'lstm' ? 4 : 2,
    points: state.points.filter((p) => p.cell === cell).map((p) => [p.lag, p.accuracy * 100] as const),
  }));
}

/** The profiles: each cell's ‖∂L/∂h_t‖ at lag 40, dashed before training, solid after. */
function profileSeries(state: HorizonState): Series[] {
  return state.points
    .filter((p) => p.profile && p.profileBefore)
    .flatMap((p) => [
      { name: `${CELL_LABELS[p.cell]}, before training`, color: CELL_COLORS[p.cell], dashed: true, points: p.profileBefore!.map((v, t) => [t + 1, v] as const) },
      { name: `${CELL_LABELS[p.cell]}, after`, color: CELL_COLORS[p.cell], points: p.profile!.map((v, t) => [t + 1, v] as const) },
    ]);
}

/** "RNN (tanh) 100% at lag 5, 62% at lag 10; LSTM …" — the chart's accessible name with its numbers. */
function curveLabel(state: HorizonState): string {
  const parts = HORIZON_CELLS.map((cell) => {
    const points = state.points.filter((p) => p.cell === cell);
    return points.length ? `${CELL_LABELS[cell]}: ${points.map((p) => `${Math.round(p.accuracy * 100)}% at lag ${p.lag}`).join(', ')}` : '';
  }).filter(Boolean);
  return `Memory horizon: held-out accuracy against lag. ${parts.length ? parts.join('; ') : 'Nothing measured yet.'}`;
}

/** The panel. */
export function HorizonPanel() {
  const state = useStore(pageStore);
  const longest = HORIZON_LAGS[HORIZON_LAGS.length - 1];
  const progress = Math.round(fractionDone(state) * 100);
  const overlap = overlapNote(state.points);
  return (
    <Panel title="Memory horizon: how far back can each cell remember?" label="Memory horizon" className="horizon-panel">
      <p className="horizon-intro">{HORIZON_INTRO}</p>
      <div className="horizon-run">
        {state.status === 'running' ? (
          <button type="button" onClick={state.stop}>
            Stop
          </button>
        ) : (
          <button type="button" onClick={state.start}>
            {state.points.length ? 'Measure again' : 'Measure the memory horizon'}
          </button>
        )}
        <progress max={100} value={progress} aria-label="Memory horizon measured">
          {progress}%
        </progress>
        <span className="horizon-status" aria-live="polite" data-testid="horizon-status">
          {state.status === 'idle' && `${(HORIZON_TOTAL_STEPS).toLocaleString('en-US')} training steps in all; the time left is estimated from the speed once it runs.`}
          {state.status === 'running' &&
            `${state.points.length} of 12 runs measured${state.current ? ` · ${CELL_LABELS[state.current.run.cell]} at lag ${state.current.run.lag}, step ${state.current.step} of ${HORIZON_STEPS}` : ''} · ${timeLeft(state)}${state.backend ? ` · ${state.backend}` : ''}`}
          {state.status === 'stopped' && `Stopped: ${state.points.length} of 12 runs measured, shown below. Nothing else is filled in.`}
          {state.status === 'done' && `All 12 runs measured${state.backend ? ` on ${state.backend}` : ''}.`}
          {state.status === 'error' && `The measurement failed: ${state.error}`}
        </span>
      </div>
      <div className="charts">
        <div className="chart-slot">
          <LineChart
            title="Accuracy against lag, one seed"
            label={curveLabel(state)}
            series={curveSeries(state)}
            references={[{ y: 25, label: 'chance 25%', color: SERIES_COLORS.reference }]}
            xLabel="lag (steps between the marked symbol and the answer)"
            yLabel="held-out accuracy, %"
            xDomain={[HORIZON_LAGS[0], longest]}
            empty="Press Measure to train the twelve runs."
          />
          {overlap && (
            <p className="panel-note horizon-overlap" data-testid="horizon-overlap">
              {overlap}
            </p>
          )}
        </div>
        <div className="chart-slot">
          <LineChart
            title={`‖∂L/∂h_t‖ at lag ${longest}, before and after training`}
            label={`Memory horizon: gradient norm per time step on the held-out sequences at lag ${longest}, dashed before training and solid after, for ${state.points.filter((p) => p.profile).length} of 3 cells.`}
            series={profileSeries(state)}
            xLabel="time step t"
            yLabel="‖∂L/∂h_t‖"
            logY
            xDomain={[1, longest + 1]}
            empty={`Filled in once each cell's lag-${longest} run is measured.`}
          />
        </div>
      </div>
      {state.status === 'done' && (
        <div className="explain-card horizon-reading">
          {HORIZON_READING.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </div>
      )}
    </Panel>
  );
}
