/** "Try it": the learner's own input through the model being trained, with the task's own readout. */
import { useEffect, useId, useState } from 'react';
import { interpolateRdBu } from 'd3';
import { LineChart } from './LineChart';
import { formatCell } from './Heatmap';
import { SERIES_COLORS, inkOn } from './palette';
import { useAppState } from './storeContext';
import { Panel } from './Panel';
import './tryIt.css';

/** The panel; nothing for tasks without a "try it". */
export function TryItPanel() {
  const spec = useAppState((s) => s.runInfo?.tryIt);
  const runId = useAppState((s) => s.runInfo?.runId);
  const output = useAppState((s) => s.tryItOutput);
  const busy = useAppState((s) => s.tryItBusy);
  const run = useAppState((s) => s.runTryIt);
  const inputId = useId();
  const [input, setInput] = useState(spec?.defaultInput ?? '');
  const [options, setOptions] = useState<Record<string, number>>({});

  // a new task brings its own default input and options
  useEffect(() => {
    setInput(spec?.defaultInput ?? '');
    setOptions(Object.fromEntries((spec?.options ?? []).map((o) => [o.name, o.default])));
  }, [spec?.label, spec?.defaultInput, runId, spec?.options]);

  if (!spec) return null;
  return (
    <Panel title="Try it" className="try-it">
      <form
        className="try-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(input, options);
        }}
      >
        <label htmlFor={inputId}>{spec.label}</label>
        <input id={inputId} value={input} maxLength={2000} onChange={(e) => setInput(e.target.value)} />
        {(spec.options ?? []).map((o) => (
          <label key={o.name} className="try-option">
            {o.label}{' '}
            <input
              type="range"
              min={o.min}
              max={o.max}
              step={o.step}
              value={options[o.name] ?? o.default}
              onChange={(e) => setOptions((prev) => ({ ...prev, [o.name]: Number(e.target.value) }))}
            />{' '}
            <span className="try-option-value">{options[o.name] ?? o.default}</span>
          </label>
        ))}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Running…' : 'Run'}
        </button>
      </form>
      <div className="try-output" aria-live="polite">
        {output?.error && (
          <p className="error" role="alert">
            {output.error}
          </p>
        )}
        {output?.summary && <p className="try-summary">{output.summary}</p>}
        {output?.trace && (
          <figure className="try-trace" aria-label={output.traceLabel}>
            <figcaption>{output.traceLabel}</figcaption>
            <ol>
              {output.trace.map((item, k) => {
                const untrained = item.untrained === true;
                const readout = `${item.token}: ${formatCell(item.value)}${untrained ? ', an untrained readout' : ''}`;
                return (
                  <li
                    key={k}
                    className={untrained ? 'try-untrained' : undefined}
                    // light text on the dark ends of the scale, so every word stays readable; untrained readouts are grey
                    style={untrained ? undefined : { background: interpolateRdBu(item.value), color: inkOn(interpolateRdBu(item.value)) }}
                    title={readout}
                    aria-label={readout}
                  >
                    <span className="try-token">{item.token}</span>
                    <span className="try-value">{formatCell(item.value)}</span>
                  </li>
                );
              })}
            </ol>
          </figure>
        )}
        {output?.text !== undefined && <pre className="try-text">{output.text}</pre>}
        {output?.series && (
          <LineChart
            title="Roll-out vs truth"
            label={`Rolled-out forecast against the truth over ${output.series.truth.length} steps.`}
            series={[
              { name: 'truth', points: output.series.truth.map((v, k) => [k + 1, v] as const), color: SERIES_COLORS.truth },
              { name: 'rolled-out forecast', points: output.series.prediction.map((v, k) => [k + 1, v] as const), color: SERIES_COLORS.orange, dashed: true },
            ]}
            xLabel="steps ahead"
            yLabel={output.series.label}
          />
        )}
        {output?.notes && output.notes.length > 0 && (
          <ul className="try-notes" aria-label="Notes on this result">
            {output.notes.map((note, k) => (
              <li key={k}>{note}</li>
            ))}
          </ul>
        )}
      </div>
    </Panel>
  );
}
