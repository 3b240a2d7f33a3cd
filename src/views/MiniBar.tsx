/**
 * The mini bar, on small screens only: Train / Pause, the status and a sparkline of the loss, fixed to the foot
 * of the screen, so that a learner on a phone who presses Train and scrolls to any view still sees the run react.
 * It slides in only once the settings' Train button has scrolled out of sight: at the top of the page that button
 * is on screen, and a second Train at the foot would say the same thing twice. Wide screens hide it (CSS): there
 * the run buttons and the status line sit beside the charts.
 */
import { useEffect, useMemo, useState } from 'react';
import { formatValue, shownLoss, statusText } from './format';
import { sparkline } from './sparkline';
import { useAppFields, useAppState, useDeferredAppState } from './storeContext';

const SPARK_WIDTH = 96;
const SPARK_HEIGHT = 28;

/** The settings' Train button, the one the bar stands in for (absent in a lesson, whose card has its own). */
const RUN_BUTTON = '.sidebar .run-buttons button';

/**
 * Whether the settings' Train button is out of sight (less than half of it in the window) or not on the page.
 * Looked up again when a lesson opens or closes, since the sidebar and its buttons go and come back with it.
 */
function useRunButtonAway(): boolean {
  const inLesson = useAppState((s) => s.lessonPlace !== undefined);
  const [away, setAway] = useState(false);
  useEffect(() => {
    const button = document.querySelector(RUN_BUTTON);
    if (!button || typeof IntersectionObserver === 'undefined') {
      setAway(true);
      return;
    }
    const observer = new IntersectionObserver(([entry]) => setAway(entry.intersectionRatio < 0.5), { threshold: [0, 0.5, 1] });
    observer.observe(button);
    return () => observer.disconnect();
  }, [inLesson]);
  return away;
}

/** The fixed bar (a region named "Run"); tucked away (hidden, not focusable) while the settings' Train is in sight. */
export function MiniBar() {
  const { status, train, pause } = useAppFields((s) => ({ status: s.status, train: s.train, pause: s.pause }));
  const away = useRunButtonAway();
  const text = useAppState((s) =>
    // the backend's name is in the status line above; the bar keeps to what changes
    statusText({ status: s.status, step: s.frame?.step ?? 0, loss: shownLoss(s.status, s.frame?.step ?? 0, s.frame?.loss, s.stepHistory), stepsPerSecond: s.frame?.stepsPerSecond, speed: s.speed, error: s.error }),
  );
  const running = status === 'running';
  const ready = status === 'idle' || status === 'paused';
  return (
    <section className={away ? 'mini-bar' : 'mini-bar mini-bar-tucked'} aria-label="Run">
      <button type="button" className={running ? undefined : 'primary'} onClick={() => void (running ? pause() : train())} disabled={!running && !ready}>
        {running ? 'Pause' : 'Train'}
      </button>
      <p className={`mini-status status-${status}`}>{text}</p>
      <LossSparkline />
    </section>
  );
}

/** The run's loss so far as a line without axes (log scale), named with its first and last value. */
function LossSparkline() {
  const historyVersion = useDeferredAppState((s) => s.historyVersion);
  const history = useAppState((s) => s.stepHistory);
  const { line, steps } = useMemo(() => {
    const points = history.points(0);
    return { line: sparkline(points, SPARK_WIDTH, SPARK_HEIGHT), steps: points.at(-1)?.[0] ?? 0 };
    // historyVersion tells us the history (mutated in place) changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [historyVersion, history]);
  const label = line.path ? `Loss over ${steps} steps: from ${formatValue(line.first)} to ${formatValue(line.last)}` : 'Loss: no steps yet';
  return (
    <svg className="mini-spark" role="img" aria-label={label} viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`} width={SPARK_WIDTH} height={SPARK_HEIGHT}>
      {line.path && <path d={line.path} className="line line-loss" />}
    </svg>
  );
}
