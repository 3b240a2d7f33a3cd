/** Runs saved in this browser: resume the last one when the page opens; open, rename or delete any. */
import { useState } from 'react';
import { formatValue } from './format';
import { useAppState } from './storeContext';
import type { SavedRunSummary } from '../state/savedRuns';

/** "2 minutes ago", "just now". */
export function ago(then: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m > 1 ? 's' : ''} ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} hour${h > 1 ? 's' : ''} ago`;
  const d = Math.round(h / 24);
  return `${d} day${d > 1 ? 's' : ''} ago`;
}

function describe(run: SavedRunSummary): string {
  return `step ${run.step}${run.loss !== undefined ? `, loss ${formatValue(run.loss)}` : ''}, saved ${ago(run.savedAt)}`;
}

/** Offered once when the page opens and a saved run exists. */
export function ResumeBanner() {
  const offer = useAppState((s) => s.resumeOffer);
  const openRun = useAppState((s) => s.openRun);
  const dismiss = useAppState((s) => s.dismissResume);
  if (!offer) return null;
  return (
    <div className="resume" role="region" aria-label="Resume your last run">
      <p>
        Resume your last run? <strong>{offer.name}</strong> — {describe(offer)}.
      </p>
      <button type="button" className="primary" onClick={() => void openRun(offer.id)}>
        Resume
      </button>
      <button type="button" onClick={dismiss}>
        Start fresh
      </button>
    </div>
  );
}

/** One row: open, rename (inline), delete (asks once more). */
function SavedRunRow({ run, current }: { run: SavedRunSummary; current: boolean }) {
  const openRun = useAppState((s) => s.openRun);
  const renameSavedRun = useAppState((s) => s.renameSavedRun);
  const deleteSavedRun = useAppState((s) => s.deleteSavedRun);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(run.name);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="saved-run">
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void renameSavedRun(run.id, name).then(() => setEditing(false));
          }}
        >
          <input aria-label={`New name for ${run.name}`} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoFocus />
          <button type="submit">Save name</button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <span className="saved-run-name">
          {run.name}
          {current && <em> (this run)</em>}
        </span>
      )}
      <span className="saved-run-meta">{describe(run)}</span>
      <span className="saved-run-actions">
        <button type="button" onClick={() => void openRun(run.id)} aria-label={`Open ${run.name}`}>
          Open
        </button>
        <button type="button" onClick={() => setEditing(true)} aria-label={`Rename ${run.name}`}>
          Rename
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger" onClick={() => void deleteSavedRun(run.id)} aria-label={`Really delete ${run.name}`}>
              Really delete
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} aria-label={`Delete ${run.name}`}>
            Delete
          </button>
        )}
      </span>
    </li>
  );
}

/** The list of saved runs. */
export function SavedRunsList() {
  const runs = useAppState((s) => s.savedRuns);
  const saveId = useAppState((s) => s.saveId);
  const savedAt = useAppState((s) => s.savedAt);
  const saveNow = useAppState((s) => s.saveNow);
  const step = useAppState((s) => s.frame?.step ?? 0);
  return (
    <div className="saved-runs">
      <h3>Saved in this browser</h3>
      <p className="panel-note">
        The current run is saved every few seconds while it trains and whenever you pause.{' '}
        {savedAt ? `Last saved ${ago(savedAt)}.` : 'Not saved yet.'}{' '}
        <button type="button" className="link-button" onClick={() => void saveNow()} disabled={step === 0}>
          Save now
        </button>
      </p>
      {runs.length === 0 ? (
        <p className="panel-empty">No saved runs yet.</p>
      ) : (
        <ul aria-label="Saved runs">
          {runs.map((run) => (
            <SavedRunRow key={`${run.id}-${run.name}`} run={run} current={run.id === saveId} />
          ))}
        </ul>
      )}
    </div>
  );
}
