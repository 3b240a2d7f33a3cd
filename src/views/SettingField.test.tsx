import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig, type TrainConfig } from '../shared/config';
import { overrideTaskDefaults } from '../test/taskDefaults';
import { createAppStore } from '../state/store';
import { createFakeTrainer } from '../test/fakeTrainer';
import { SettingField, fromSlider, toSlider } from './SettingField';
import { StoreContext } from './storeContext';

describe('log slider', () => {
  const range = { min: 0.001, max: 100, log: true };
  it('maps decades evenly and back', () => {
    expect(toSlider(0.001, range)).toBe(0);
    expect(toSlider(100, range)).toBe(1000);
    expect(toSlider(0.1, range)).toBe(400);
    expect(fromSlider(400, range)).toBe(0.1);
    expect(fromSlider(toSlider(0.25, range), range)).toBeCloseTo(0.25, 2);
  });
  it('clamps out-of-range values', () => {
    expect(toSlider(1e6, range)).toBe(1000);
    expect(toSlider(0, range)).toBe(0);
  });
  it('works linearly too', () => {
    expect(fromSlider(500, { min: 0, max: 2, log: false })).toBe(1);
  });
});

describe("a task's own default", () => {
  // test values, not recommendations
  let restore: () => void;
  beforeEach(() => {
    restore = overrideTaskDefaults({ chargen: { hiddenSize: 64 } });
  });
  afterEach(() => restore());

  const render = (config: TrainConfig, name: keyof TrainConfig) => {
    const trainer = createFakeTrainer();
    const store = createAppStore(() => trainer.worker, { config });
    return renderToStaticMarkup(
      <StoreContext.Provider value={store}>
        <SettingField name={name} />
      </StoreContext.Provider>,
    );
  };

  it('is named under the control while the value is that default, and only then', () => {
    const chargen: TrainConfig = { ...defaultConfig(), task: 'chargen', hiddenSize: 64 };
    expect(render(chargen, 'hiddenSize')).toMatch(/aria-describedby="([^"]+)-note".*<p id="\1-note" class="field-note">default for Character generation<\/p>/);
    expect(render({ ...chargen, hiddenSize: 32 }, 'hiddenSize')).not.toContain('field-note');
    expect(render(chargen, 'numLayers')).not.toContain('field-note');
    expect(render({ ...defaultConfig(), hiddenSize: 64 }, 'hiddenSize')).not.toContain('field-note');
  });
});
