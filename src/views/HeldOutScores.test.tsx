import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../shared/protocol';
import { createAppStore } from '../state/store';
import { createFakeTrainer, fakeRunInfo } from '../test/fakeTrainer';
import { ForecastPlot } from './ForecastPlot';
import { HeldOutScores } from './HeldOutScores';
import { MetricPlot } from './MetricPlot';
import { StoreContext } from './storeContext';

/** Renders `view` over a store holding this run's facts and latest metrics (and trace). */
function render(view: ReactElement, runInfo: Partial<RunInfo>, metrics?: Record<string, number>, trace?: { truth: Float32Array; prediction: Float32Array; baselines?: Record<string, Float32Array> }): string {
  const store = createAppStore(() => createFakeTrainer().worker);
  store.setState({ runInfo: { ...fakeRunInfo(1), ...runInfo }, metrics, metricNames: Object.keys(metrics ?? {}), trace });
  // a server render reads the store's initial state: make it this one
  return renderToStaticMarkup(<StoreContext.Provider value={{ ...store, getInitialState: store.getState }}>{view}</StoreContext.Provider>);
}

/** The text of a rendered fragment, tags dropped. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ').trim();

const CO2_BASELINES = { mean: 7.6, persistence: 0.03, seasonalNaive: 0.004 };
const CO2_PPM = { rmsePpm: { mean: 12.1, persistence: 1.4, seasonalNaive: 0.5 } };

describe('HeldOutScores', () => {
  it("shows CO₂'s error beside every baseline, in MSE and in ppm, with the skill score", () => {
    const html = render(<HeldOutScores />, { baselines: CO2_BASELINES, baselinesIn: CO2_PPM }, { mse: 0.02, baselineMse: 7.6, rmsePpm: 1.15 });
    const shown = text(html);
    expect(shown).toContain('Held-out MSE: this network against the baselines');
    expect(shown).toContain('RMSE (ppm)');
    expect(shown).toMatch(/this network 0\.0200 1\.15/);
    expect(shown).toMatch(/predicting the mean 7\.60 12\.1 yes/);
    expect(shown).toMatch(/repeating the last value 0\.0300 1\.40 yes/);
    expect(shown).toMatch(/seasonal naive with drift 0\.00400 0\.500 not yet/);
    expect(shown).toContain('Skill: 33% lower error (MSE) than repeating the last value.');
    // with the task's skill against seasonal naive with drift, that one too
    const both = text(render(<HeldOutScores />, { baselines: CO2_BASELINES, baselinesIn: CO2_PPM }, { mse: 0.002, baselineMse: 7.6, skillVsPersistence: 0.93, skillVsSeasonalNaive: 0.5 }));
    expect(both).toContain('Skill: 93% lower error (MSE) than repeating the last value; 50% lower error (MSE) than seasonal naive with drift.');
  });

  it('does not call an accuracy within noise of chance a win (two standard errors over the held-out examples)', () => {
    const memory = (accuracy: number) => text(render(<HeldOutScores />, { baselines: { chance: 0.25 }, hasTrace: false, heldOutExamples: 200 }, { accuracy }));
    expect(memory(0.258)).toMatch(/chance 0\.250 not yet/);
    expect(memory(0.95)).toMatch(/chance 0\.250 yes/);
  });

  it('lists the baselines before the first evaluation, the network still unknown', () => {
    const shown = text(render(<HeldOutScores />, { baselines: { chance: 0.5, bagOfWords: 0.83 }, hasTrace: false }));
    expect(shown).toContain('Held-out accuracy');
    expect(shown).toMatch(/this network — /);
    expect(shown).toMatch(/bag of words \(naive Bayes\) 0\.830 —/);
  });

  it("gives character generation's bits/char against unigram and bigram, and names the most-frequent-character rate", () => {
    const shown = text(
      render(<HeldOutScores />, { baselines: { unigram: 4.48, bigram: 3.3 }, hasTrace: false }, { bitsPerChar: 3.49, accuracy: 0.3, baselineBitsPerChar: 4.48, baselineAccuracy: 0.16 }),
    );
    expect(shown).toContain('Held-out bits/char');
    expect(shown).toMatch(/unigram 4\.48 yes/);
    expect(shown).toMatch(/bigram 3\.30 not yet/);
    expect(shown).toContain('always guessing the most frequent character is right 16%');
    expect(shown).not.toContain('Skill');
  });

  it('falls back on the baseline a task reports among its metrics', () => {
    expect(text(render(<HeldOutScores />, {}, { mse: 0.5, baselineMse: 1 }))).toMatch(/predicting the mean 1\.00 yes/);
  });

  it('shows nothing for a task without baselines', () => {
    expect(render(<HeldOutScores />, { hasTrace: false }, { loss: 1 })).toBe('');
  });
});

describe('ForecastPlot', () => {
  const trace = {
    truth: Float32Array.of(400, 405, 410),
    prediction: Float32Array.of(401, 404, 411),
    baselines: { persistence: Float32Array.of(399, 400, 405), seasonalNaive: Float32Array.of(400, 406, 409) },
  };

  it('draws persistence and seasonal naive beside truth and forecast, each named in the legend', () => {
    const html = render(<ForecastPlot />, { baselines: CO2_BASELINES, baselinesIn: CO2_PPM, traceUnits: 'ppm' }, { mse: 0.02, rmsePpm: 1.15 }, trace);
    expect(html).toContain('line-persistence');
    expect(html).toContain('line-seasonal-naive');
    const legend = text(/<span class="legend">.*?<\/figcaption>/.exec(html)![0]);
    expect(legend).toContain("truth this network's forecast repeating the last value seasonal naive with drift");
    expect(html).toMatch(/aria-label="Forecast against truth on 3 held-out steps, with repeating the last value and seasonal naive with drift; mean squared error 0\.0200 \(predicting the mean gives 7\.60\); repeating the last value gives 0\.0300; seasonal naive with drift gives 0\.00400\."/);
    expect(html).toContain('value (ppm)');
  });

  it('fits the value axis to the series: no tick at 0 ppm', () => {
    const html = render(<ForecastPlot />, { traceUnits: 'ppm' }, { mse: 0.02 }, trace);
    const ticks = [...html.matchAll(/<text[^>]*>(\d+)<\/text>/g)].map((m) => Number(m[1]));
    expect(ticks.some((tick) => tick >= 398 && tick <= 412)).toBe(true);
    expect(ticks).not.toContain(0);
  });
});

describe('MetricPlot', () => {
  it('plots bits/char for character generation, with unigram and bigram as labelled lines', () => {
    const html = render(<MetricPlot />, { baselines: { unigram: 4.48, bigram: 3.3 }, hasTrace: false }, { bitsPerChar: 3.49, accuracy: 0.3, baselineAccuracy: 0.16 });
    expect(html).toContain('Held-out bits per character');
    expect(html).toContain('aria-label="Held-out bits per character 3.49; unigram is 4.48; bigram is 3.30."');
    expect(text(html)).toContain('unigram 4.48');
  });

  it("keeps accuracy's label for the classification tasks, chance first", () => {
    const html = render(<MetricPlot />, { baselines: { chance: 0.25 }, hasTrace: false }, { accuracy: 0.5, baselineAccuracy: 0.25 });
    expect(html).toContain('aria-label="Held-out accuracy 0.500; chance is 0.250."');
  });
});
