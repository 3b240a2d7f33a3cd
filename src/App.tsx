/** The page: controls on the left, the run's status and views on the right. */
import { Controls, RunButtons } from './views/Controls';
import { ForecastPlot } from './views/ForecastPlot';
import { GradientFlow } from './views/GradientFlow';
import { LossChart } from './views/LossChart';
import { StatusLine } from './views/StatusLine';
import { useAppState } from './views/storeContext';

/** The whole app. */
export function App() {
  const runInfo = useAppState((s) => s.runInfo);
  const error = useAppState((s) => s.error);
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Unrolled <span className="tagline">— watch a recurrent network learn, one time step at a time</span>
        </h1>
      </header>
      <aside className="sidebar" aria-label="Settings">
        <RunButtons />
        <Controls />
      </aside>
      <main className="main">
        <StatusLine />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {runInfo && (
          <p className="task-shape">
            {runInfo.taskTitle}: <strong>{runInfo.sequenceShape}</strong> — the network reads {runInfo.steps} values and predicts the next one.
          </p>
        )}
        <div className="charts">
          <LossChart />
          <ForecastPlot />
          <GradientFlow />
        </div>
      </main>
    </div>
  );
}
