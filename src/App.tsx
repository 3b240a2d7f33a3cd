/** The page: controls on the left; on the right the run's status and the views, in the order of the lesson. */
import { ComparePanel } from './views/ComparePanel';
import { Controls, RunButtons } from './views/Controls';
import { DivergenceBanner } from './views/DivergenceBanner';
import { ForecastPlot } from './views/ForecastPlot';
import { GradientFlow } from './views/GradientFlow';
import { GradientHistory } from './views/GradientHistory';
import { GradNormChart } from './views/GradNormChart';
import { InsidePanel } from './views/InsidePanel';
import { KeepPanel } from './views/KeepPanel';
import { LinkNotices } from './views/LinkNotices';
import { LossChart } from './views/LossChart';
import { MetricPlot } from './views/MetricPlot';
import { OnScreen } from './views/OnScreen';
import { ResumeBanner } from './views/SavedRuns';
import { SampleStrip } from './views/SampleStrip';
import { PcaPlot } from './views/PcaPlot';
import { PretrainedOffer } from './views/PretrainedOffer';
import { SpectralChart } from './views/SpectralChart';
import { StatusLine } from './views/StatusLine';
import { TryItPanel } from './views/TryItPanel';
import { UnrolledPanel } from './views/UnrolledPanel';
import { useAppState } from './views/storeContext';

/** The whole app. */
export function App() {
  const runInfo = useAppState((s) => s.runInfo);
  const error = useAppState((s) => s.error);
  // forecasting tasks plot forecast vs truth; classification tasks their accuracy
  const hasTrace = useAppState((s) => s.runInfo?.hasTrace ?? true);
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
        <LinkNotices />
        <ResumeBanner />
        <StatusLine />
        <DivergenceBanner />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {runInfo && (
          <p className="task-shape">
            {runInfo.taskTitle}: <strong>{runInfo.sequenceShape}</strong> — {runInfo.taskSummary}
          </p>
        )}
        <PretrainedOffer />
        <OnScreen>
          <UnrolledPanel />
        </OnScreen>
        <OnScreen className="charts">
          <LossChart />
          {hasTrace ? <ForecastPlot /> : <MetricPlot />}
        </OnScreen>
        <div className="spaced">
          <TryItPanel />
          <SampleStrip />
        </div>
        <OnScreen>
          <InsidePanel />
        </OnScreen>
        <h2 className="section-title">Gradient flow through time</h2>
        <OnScreen className="charts">
          <GradientFlow />
          <div className="chart">
            <GradientHistory />
          </div>
          <GradNormChart />
          <SpectralChart />
        </OnScreen>
        <h2 className="section-title">Clipping, cells and rates, side by side</h2>
        <ComparePanel />
        <div className="spaced">
          <KeepPanel />
        </div>
        <h2 className="section-title">Where the hidden state travels</h2>
        <div className="charts">
          <PcaPlot />
          <div className="explain-card">
            <p>
              Each dot is the hidden state h<sub>t</sub> of the probe example after reading x<sub>t</sub>, projected from {runInfo?.hiddenSize ?? 'H'} dimensions onto the two
              directions along which it varies most (principal components). The path shows how the network's memory moves as the sequence goes by.
            </p>
            {runInfo?.trajectoryHint && <p>{runInfo.trajectoryHint}</p>}
          </div>
        </div>
      </main>
    </div>
  );
}
