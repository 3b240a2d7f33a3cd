/**
 * The page: controls on the left; on the right the run's status and the views, in the order of the lesson.
 * With a lesson open (views/lessons/), its card takes the controls' place and only the views the lesson part
 * names are shown; each view block carries the `data-lesson-target` name the lessons point at.
 */
import { ComparePanel } from './views/ComparePanel';
import { Controls, RunButtons } from './views/Controls';
import { DivergenceBanner } from './views/DivergenceBanner';
import { ForecastPlot } from './views/ForecastPlot';
import { GradientFlow } from './views/GradientFlow';
import { HorizonPanel } from './views/horizon/HorizonPanel';
import { GradientHistory } from './views/GradientHistory';
import { GradNormChart } from './views/GradNormChart';
import { InsidePanel } from './views/InsidePanel';
import { JacobianPanel } from './views/jacobian/JacobianPanel';
import { ConnectivityPanel } from './views/connectivity/ConnectivityPanel';
import { KeepPanel } from './views/KeepPanel';
import { LessonCard, LessonsButton } from './views/lessons/LessonCard';
import { LessonRegion, OutsideLessons } from './views/lessons/LessonStage';
import { useLessonAddress } from './views/lessons/useLessonAddress';
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
import { usePageDisplay } from './views/pageDisplayContext';

/** The whole app. */
export function App() {
  const runInfo = useAppState((s) => s.runInfo);
  const error = useAppState((s) => s.error);
  // forecasting tasks plot forecast vs truth; classification tasks their accuracy
  const hasTrace = useAppState((s) => s.runInfo?.hasTrace ?? true);
  const inLesson = useAppState((s) => s.lessonPlace !== undefined);
  // ?embed=1: no header and no settings, the run buttons above the views (slides, course pages)
  const { embed } = usePageDisplay();
  useLessonAddress();
  return (
    <div className={`app${inLesson ? ' lesson-mode' : ''}${embed ? ' embedded' : ''}`}>
      {!embed && (
        <header className="app-header">
          <h1>
            Unrolled <span className="tagline">— watch a recurrent network learn, one time step at a time</span>
          </h1>
          <LessonsButton />
        </header>
      )}
      {inLesson ? (
        <LessonCard />
      ) : (
        !embed && (
          <aside className="sidebar" aria-label="Settings">
            <RunButtons />
            <Controls />
          </aside>
        )
      )}
      <main className="main">
        {embed && !inLesson && (
          <div className="embedded-run">
            <RunButtons />
          </div>
        )}
        <LinkNotices />
        <OutsideLessons>
          <ResumeBanner />
        </OutsideLessons>
        <div data-lesson-target="status">
          <StatusLine />
        </div>
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
        <OutsideLessons>
          <PretrainedOffer />
        </OutsideLessons>
        <LessonRegion view="unrolled">
          <OnScreen>
            <UnrolledPanel />
          </OnScreen>
        </LessonRegion>
        <LessonRegion view="jacobian">
          <OnScreen>
            <JacobianPanel />
          </OnScreen>
        </LessonRegion>
        <OnScreen className="charts">
          <LessonRegion view="loss" className="chart-slot">
            <LossChart />
          </LessonRegion>
          {hasTrace ? (
            <LessonRegion view="forecast" className="chart-slot">
              <ForecastPlot />
            </LessonRegion>
          ) : (
            <LessonRegion view="metric" className="chart-slot">
              <MetricPlot />
            </LessonRegion>
          )}
        </OnScreen>
        <LessonRegion view="try-it" className="spaced">
          <TryItPanel />
          <SampleStrip />
        </LessonRegion>
        <LessonRegion view="inside">
          <OnScreen>
            <InsidePanel />
          </OnScreen>
        </LessonRegion>
        <LessonRegion view="connectivity" className="spaced">
          <OnScreen>
            <ConnectivityPanel />
          </OnScreen>
        </LessonRegion>
        <OutsideLessons views={['gradient-flow', 'gradient-history', 'grad-norm', 'spectral']}>
          <h2 className="section-title">Gradient flow through time</h2>
        </OutsideLessons>
        <OnScreen className="charts">
          <LessonRegion view="gradient-flow" className="chart-slot">
            <GradientFlow />
          </LessonRegion>
          <LessonRegion view="gradient-history" className="chart">
            <GradientHistory />
          </LessonRegion>
          <LessonRegion view="grad-norm" className="chart-slot">
            <GradNormChart />
          </LessonRegion>
          <LessonRegion view="spectral" className="chart-slot">
            <SpectralChart />
          </LessonRegion>
        </OnScreen>
        <OutsideLessons views={['compare']}>
          <h2 className="section-title">Clipping, cells and rates, side by side</h2>
        </OutsideLessons>
        <LessonRegion view="compare">
          <ComparePanel />
        </LessonRegion>
        <LessonRegion view="horizon" className="spaced">
          <HorizonPanel />
        </LessonRegion>
        <LessonRegion view="keep" className="spaced">
          <KeepPanel />
        </LessonRegion>
        <OutsideLessons views={['trajectory']}>
          <h2 className="section-title">Where the hidden state travels</h2>
        </OutsideLessons>
        <LessonRegion view="trajectory" className="charts">
          <PcaPlot />
          <div className="explain-card">
            <p>
              Each dot is the hidden state h<sub>t</sub> of the probe example after reading x<sub>t</sub>, projected from {runInfo?.hiddenSize ?? 'H'} dimensions onto the two
              directions along which it varies most (principal components). The path shows how the network's memory moves as the sequence goes by.
            </p>
            {runInfo?.trajectoryHint && <p>{runInfo.trajectoryHint}</p>}
          </div>
        </LessonRegion>
      </main>
    </div>
  );
}
