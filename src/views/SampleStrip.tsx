/**
 * The samples a generating task writes as training goes on (issue #14): the same seed, at the same temperature,
 * continued by the model at step 0, 100, 1,000 and 5,000, so the learner sees the text improve. The steps still
 * to come are placeholders that count down.
 */
import { samplePlanOf } from '../shared/milestoneSamples';
import type { MilestoneSample } from '../shared/protocol';
import { Panel } from './Panel';
import { useAppFields } from './storeContext';
import './sampleStrip.css';

/** "1,000": a step as the strip writes it. */
function stepText(step: number): string {
  return step.toLocaleString('en-US');
}

/** What a milestone without its sample says: when it will be written, or why it will not be. */
export function pendingText(milestone: number, currentStep: number, startStep: number): string {
  if (milestone < startStep) return `not written: this run started at step ${stepText(startStep)}`;
  if (milestone === 0) return 'written when training starts';
  if (milestone <= currentStep) return 'being written…';
  const left = milestone - currentStep;
  return `written at step ${stepText(milestone)} — ${stepText(left)} ${left === 1 ? 'step' : 'steps'} to go`;
}

/** One written sample: its step, the seed it continues and the text, in monospace. */
function WrittenSample({ sample }: { sample: MilestoneSample }) {
  return (
    <li className="sample">
      <h3 className="sample-step">
        step {stepText(sample.step)}
        {sample.step === 0 && <span className="sample-untrained"> (untrained)</span>}
      </h3>
      <pre className="sample-text">
        <span className="sample-seed">{sample.seed}</span>
        {sample.text}
      </pre>
      <p className="sample-meta">
        seed “{sample.seed}” · temperature {sample.temperature}
      </p>
    </li>
  );
}

/** The strip; nothing for a run whose task writes no samples. */
export function SampleStrip() {
  const { task, hasRun, startStep, currentStep, samples } = useAppFields((s) => ({
    task: s.config.task,
    hasRun: !!s.runInfo,
    startStep: s.runInfo?.startStep ?? 0,
    currentStep: s.frame?.step ?? s.runInfo?.startStep ?? 0,
    samples: s.samples,
  }));
  const plan = samplePlanOf(task);
  if (!plan || !hasRun) return null;
  const byStep = new Map(samples.map((sample) => [sample.step, sample]));
  return (
    <Panel title="Samples as training goes on" className="sample-strip">
      <p className="panel-note">
        Each sample continues the same seed, “{plan.seed}”, at temperature {plan.temperature} with the same random draws: only the network changes.
      </p>
      <ol className="sample-list">
        {plan.steps.map((milestone) => {
          const sample = byStep.get(milestone);
          if (sample) return <WrittenSample key={milestone} sample={sample} />;
          return (
            <li key={milestone} className="sample sample-pending">
              <h3 className="sample-step">step {stepText(milestone)}</h3>
              <p className="sample-placeholder">{pendingText(milestone, currentStep, startStep)}</p>
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}
