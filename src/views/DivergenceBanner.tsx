/** When training blows up: what diverged and at which step, and a way back (Rewind) — nothing else is lost. */
import { useAppFields } from './storeContext';

/** The banner, shown only while the run is stopped by a divergence, or with a notice after a rewind. */
export function DivergenceBanner() {
  const { divergence, status, notice, rewind, reset, checkpointSteps, clipMode } = useAppFields((s) => ({
    divergence: s.divergence,
    status: s.status,
    notice: s.notice,
    rewind: s.rewind,
    reset: s.reset,
    checkpointSteps: s.frame?.checkpointSteps,
    clipMode: s.config.clipMode,
  }));
  if (status === 'diverged' && divergence) {
    const target = checkpointSteps?.at(-1);
    return (
      <div className="divergence" role="alert">
        <p className="divergence-title">{divergence.message}</p>
        <p>
          Training stopped there. {target !== undefined ? `Rewind goes back to step ${target}, the last checkpoint where every number was finite` : 'There is no finite checkpoint'}
          {clipMode === 'off' ? '; then turn gradient clipping on and train again.' : '; then lower the learning rate or the clip threshold and train again.'}
        </p>
        <div className="divergence-actions">
          <button type="button" className="primary" onClick={() => void rewind()} disabled={target === undefined}>
            Rewind
          </button>
          <button type="button" onClick={() => void reset()}>
            Reset
          </button>
        </div>
      </div>
    );
  }
  if (notice) return <p className="notice">{notice}</p>;
  return null;
}
