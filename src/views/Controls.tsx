/** The control panel: run buttons and every setting, grouped as the lesson groups them. */
import { useAppFields, useAppState } from './storeContext';
import { OwnData } from './OwnData';
import { PresetPicker } from './PresetPicker';
import { SettingField } from './SettingField';
import { CONFIG_FIELDS, fieldAppliesTo, type TrainConfig } from '../shared/config';

const GROUPS: Array<{ title: string; fields: Array<keyof TrainConfig> }> = [
  { title: 'Task', fields: ['task', 'sentimentSource', 'sinePeriod', 'sineNoise', 'forecastTarget', 'reverseDigits', 'sequenceLength'] },
  { title: 'Network', fields: ['cell', 'hiddenSize', 'numLayers', 'bidirectional', 'dropout', 'recurrentInitGain'] },
  { title: 'Training', fields: ['learningRate', 'optimizer', 'batchSize', 'clipMode', 'clipThreshold', 'seed'] },
];

/** Train / Pause / Step / Reset. */
export function RunButtons() {
  const { status, train, pause, step, reset } = useAppFields((s) => ({ status: s.status, train: s.train, pause: s.pause, step: s.step, reset: s.reset }));
  const ready = status === 'idle' || status === 'paused';
  // after a divergence only Rewind (in the banner) or Reset go on
  return (
    <div className="run-buttons" role="group" aria-label="Run">
      <button type="button" className="primary" onClick={() => void train()} disabled={!ready}>
        Train
      </button>
      <button type="button" onClick={() => void pause()} disabled={status !== 'running'}>
        Pause
      </button>
      <button type="button" onClick={() => void step()} disabled={!ready}>
        Step
      </button>
      <button type="button" onClick={() => void reset()} disabled={status === 'starting'}>
        Reset
      </button>
    </div>
  );
}

/** All settings in their groups. */
export function Controls() {
  const clipMode = useAppState((s) => s.config.clipMode);
  const task = useAppState((s) => s.config.task);
  return (
    <div className="controls">
      <PresetPicker />
      {GROUPS.map((group) => (
        <fieldset key={group.title}>
          <legend>{group.title}</legend>
          {group.fields
            // a task's own settings (the sine wave's period, the digits to reverse) only for that task
            .filter((name) => fieldAppliesTo(CONFIG_FIELDS[name], task))
            .map((name) => (
            <SettingField key={name} name={name} disabled={name === 'clipThreshold' && clipMode === 'off'} />
          ))}
          {group.title === 'Task' && <OwnData />}
        </fieldset>
      ))}
    </div>
  );
}
