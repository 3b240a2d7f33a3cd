/**
 * The held-out scores beside their baselines (issue #14): a table of the network and each baseline a
 * practitioner would use, in the task's metric (and in ppm for CO₂), with whether the network beats each, and
 * for forecasting the skill score as a sentence. Shown under the held-out chart, before training too.
 */
import { useAppFields } from './storeContext';
import { baselineName, beats, headlineMetric, otherScoreSentences, scoreTable, skillSentence, skillVsPersistence } from './baselines';
import { formatValue } from './format';
import './baselines.css';

/** What a baseline row says of the network against it, in words. */
function verdict(outcome: boolean | undefined): string {
  if (outcome === undefined) return '—';
  return outcome ? 'yes' : 'not yet';
}

/** The network's held-out scores against the task's baselines. */
export function HeldOutScores() {
  const { baselines, baselinesIn, heldOutExamples, metrics, metricNames } = useAppFields((s) => ({
    baselines: s.runInfo?.baselines,
    baselinesIn: s.runInfo?.baselinesIn,
    heldOutExamples: s.runInfo?.heldOutExamples,
    metrics: s.metrics,
    metricNames: s.metricNames,
  }));
  const metric = headlineMetric(metricNames, baselines);
  const table = scoreTable(metric, metrics, baselines, baselinesIn);
  if (!table.baselineKeys.length) return null;
  const headline = table.columns[0];
  const skill = metric === 'mse' ? skillVsPersistence(metrics, baselines) : undefined;
  return (
    <div className="held-out-scores">
      <table>
        <caption>Held-out {headline.name}: this network against the baselines</caption>
        <thead>
          <tr>
            <th scope="col">Method</th>
            {table.columns.map((column) => (
              <th key={column.metric} scope="col">
                {column.name}
              </th>
            ))}
            <th scope="col">Network beats it?</th>
          </tr>
        </thead>
        <tbody>
          <tr className="held-out-model">
            <th scope="row">this network</th>
            {table.columns.map((column) => (
              <td key={column.metric}>{formatValue(column.model)}</td>
            ))}
            <td />
          </tr>
          {table.baselineKeys.map((key) => (
            <tr key={key}>
              <th scope="row">{baselineName(key)}</th>
              {table.columns.map((column) => (
                <td key={column.metric}>{formatValue(column.baselines[key])}</td>
              ))}
              <td>{verdict(beats(metric, headline.model, headline.baselines[key], heldOutExamples))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {skill !== undefined && (
        <p className="held-out-skill">
          Skill: {skillSentence(skill)}
          {metrics?.skillVsSeasonalNaive !== undefined && `; ${skillSentence(metrics.skillVsSeasonalNaive, baselineName('seasonalNaive'))}`}.
        </p>
      )}
      {otherScoreSentences(metric, metrics).map((sentence) => (
        <p key={sentence} className="held-out-note">
          {sentence}
        </p>
      ))}
    </div>
  );
}
