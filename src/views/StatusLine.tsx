/**
 * The live status line (role "status"): step, loss, speed and backend, refreshed at most twice a second; and,
 * on small screens, the mini bar that keeps the run in sight while the page scrolls.
 */
import { useEffect, useRef, useState } from 'react';
import { shownLoss, statusText } from './format';
import { MiniBar } from './MiniBar';
import { useAppState } from './storeContext';

const REFRESH_MS = 500;

/** Reads "Step 120 · loss 0.0345 · 35 steps/s · WebGL". */
export function StatusLine() {
  const status = useAppState((s) => s.status);
  const step = useAppState((s) => s.frame?.step ?? 0);
  const loss = useAppState((s) => shownLoss(s.status, s.frame?.step ?? 0, s.frame?.loss, s.stepHistory));
  const stepsPerSecond = useAppState((s) => s.frame?.stepsPerSecond);
  const backend = useAppState((s) => s.backend);
  const error = useAppState((s) => s.error);
  const speed = useAppState((s) => s.speed);
  const text = statusText({ status, step, loss, stepsPerSecond, speed, backend: backend?.label, error });
  // Screen readers hear a polite live region: update it at a readable pace, at once when the state changes.
  const [shown, setShown] = useState(text);
  const last = useRef({ at: 0, status });
  useEffect(() => {
    const now = performance.now();
    if (status !== last.current.status || now - last.current.at >= REFRESH_MS) {
      last.current = { at: now, status };
      setShown(text);
      return;
    }
    const timer = setTimeout(() => {
      last.current = { at: performance.now(), status };
      setShown(text);
    }, REFRESH_MS - (now - last.current.at));
    return () => clearTimeout(timer);
  }, [text, status]);

  return (
    <>
      <div className="status-bar">
        <p role="status" className={`status status-${status}`}>
          {shown}
        </p>
        {backend?.note && <p className="backend-note">{backend.note}</p>}
      </div>
      <MiniBar />
    </>
  );
}
