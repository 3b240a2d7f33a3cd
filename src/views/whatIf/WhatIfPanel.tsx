/**
 * What if the probe were different? (issue #16, part 3): the learner edits the probe's input in the editor; the
 * worker runs the model on the probe and on the edited copy (the model and its training untouched) and the
 * panel shows the output before and after, ‖h_t − h′_t‖ per step and both hidden-state paths, with a table
 * alternative. While training, the edit runs again with the newer weights about once a second.
 */
import { useEffect, useRef, useState } from 'react';
import type { WhatIfResult } from '../../shared/protocol';
import { formatCell } from '../Heatmap';
import { useAppFields } from '../storeContext';
import { ValueTable } from '../ValueTable';
import { ProbeEditor } from './ProbeEditor';
import { DifferenceChart, PathsPlot, shownInput } from './WhatIfCharts';
import './whatIf.css';

/** The least time between two runs of the edit while training, in ms (each is two forward passes in the worker). */
const REFRESH_MS = 1000;

/** The panel under the unrolled diagram: a button that opens the editor, then the comparison. */
export function WhatIfPanel() {
  const { info, step, result, edit, error, busy, runWhatIf, refreshWhatIf } = useAppFields((s) => ({
    info: s.runInfo,
    step: s.frame?.step,
    result: s.whatIfResult,
    edit: s.whatIfEdit,
    error: s.whatIfError,
    busy: s.whatIfBusy,
    runWhatIf: s.runWhatIf,
    refreshWhatIf: s.refreshWhatIf,
  }));
  const [open, setOpen] = useState(false);
  const current = result && info && result.runId === info.runId ? result : undefined;
  const lastRefresh = useRef(0);

  // opening, or a new run while open: the task's own probe and its form
  useEffect(() => {
    if (open && info && !current) void runWhatIf(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, info?.runId]);

  // training moved on: run the edit again with the newer model, at most once every REFRESH_MS
  useEffect(() => {
    if (!open || !current || step === undefined || current.step === step) return;
    const timer = setTimeout(() => {
      lastRefresh.current = Date.now();
      void refreshWhatIf();
    }, Math.max(0, lastRefresh.current + REFRESH_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [open, step, current, refreshWhatIf]);

  if (!info) return null;
  return (
    <section className="panel what-if" aria-label="What if the probe were different?">
      <header className="panel-header">
        <h2>What if the probe were different?</h2>
        <button type="button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? 'Close the editor' : 'Edit the probe'}
        </button>
      </header>
      {open && (
        <div className="what-if-body">
          <p className="panel-note">
            Change the probe's input and see what the network does with it: the edit runs on a copy, so training, its data and the weights are
            untouched. Recomputed about once a second while training.
          </p>
          {current ? (
            <ProbeEditor
              form={current.form}
              edit={edit}
              busy={busy}
              resetKey={info.runId}
              onRun={(next) => void runWhatIf(next)}
              onReset={() => void runWhatIf(undefined)}
            />
          ) : (
            <p className="panel-empty">{busy ? 'Reading the probe…' : error ?? 'Waiting for the run…'}</p>
          )}
          <div aria-live="polite">
            {error && current && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
          </div>
          {current && <Comparison result={current} />}
        </div>
      )}
    </section>
  );
}

/** Output before and after, the two charts and the table alternative. */
function Comparison({ result }: { result: WhatIfResult }) {
  const [table, setTable] = useState(false);
  const after = result.edited;
  const steps = result.original.labels.length;
  return (
    <div className="what-if-comparison">
      <table className="what-if-outputs">
        <caption>The network's output at training step {result.step}</caption>
        <thead>
          <tr>
            <th scope="col">Output</th>
            <th scope="col">Probe</th>
            <th scope="col">Edited copy</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{result.original.readout.label}</th>
            <td>{result.original.readout.text}</td>
            <td>{after ? after.readout.text : '—'}</td>
          </tr>
        </tbody>
      </table>
      {after && result.notes.length > 0 && (
        <ul className="try-notes" aria-label="Notes on this comparison">
          {result.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <div className="what-if-charts">
        {after && <DifferenceChart result={result} />}
        <PathsPlot result={result} />
      </div>
      {after && (
        <>
          <button type="button" className="link-button" aria-pressed={table} onClick={() => setTable((v) => !v)}>
            {table ? 'Hide table' : 'Table'}
          </button>
          {table && (
            <ValueTable
              className="what-if-table"
              caption="The probe and the edited copy, step by step"
              corner="t"
              rowCount={steps}
              rowHeader={(t) => t + 1}
              columns={[
                { key: 'in', header: 'probe input', cell: (t) => shownInput(result.original.labels[t]) },
                { key: 'edit', header: 'edited input', cell: (t) => shownInput(after.labels[t]) },
                { key: 'diff', header: '‖h_t − h′_t‖', cell: (t) => formatCell(result.difference![t]) },
                { key: 'p1', header: 'PC 1', cell: (t) => formatCell(result.original.pca[2 * t]) },
                { key: 'p2', header: 'PC 2', cell: (t) => formatCell(result.original.pca[2 * t + 1]) },
                { key: 'e1', header: 'PC 1 (edited)', cell: (t) => formatCell(after.pca[2 * t]) },
                { key: 'e2', header: 'PC 2 (edited)', cell: (t) => formatCell(after.pca[2 * t + 1]) },
              ]}
            />
          )}
        </>
      )}
    </div>
  );
}
