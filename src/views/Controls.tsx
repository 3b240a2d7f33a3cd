/**
 * The control panel: run buttons with the training speed, and every setting, grouped as the lesson groups them.
 * On small screens the settings fold away behind a "Settings" button, so that the run and its views come first.
 */
import { useId, useState } from 'react';
import { useAppFields, useAppState } from './storeContext';
import { OwnData } from './OwnData';
import { CostEstimate } from './CostEstimate';
import { usePageDisplay } from './pageDisplayContext';
import { PresetPicker } from './PresetPicker';
import { SettingField } from './SettingField';
import { CONFIG_FIELDS, fieldAppliesTo, type TrainConfig } from '../shared/config';
import { SPEEDS, parseSpeed, speedLabel } from '../shared/speed';

const GROUPS: Array<{ title: string; fields: Array<keyof TrainConfig> }> = [
  { title: 'Task', fields: ['task', 'sentimentSource', 'sinePeriod', 'sineNoise', 'forecastTarget', 'reverseDigits', 'sequenceLength'] },
  { title: 'Network', fields: ['cell', 'hiddenSize', 'numLayers', 'bidirectional', 'dropout', 'recurrentInit', 'recurrentInitGain'] },
  { title: 'Training', fields: ['learningRate', 'optimizer', 'batchSize', 'clipMode', 'clipThreshold', 'seed'] },
];

/** Train / Pause / Step / Reset, and the speed training runs at. */
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
      <SpeedField />
    </div>
  );
}

/** The Speed control: full speed, or slow motion at 20, 5 or 1 steps per second; applies at once, mid-run. */
function SpeedField() {
  const speed = useAppState((s) => s.speed);
  const setSpeed = useAppState((s) => s.setSpeed);
  const id = useId();
  return (
    <div className="field speed-field">
      <label htmlFor={id}>Speed</label>
      <select
        id={id}
        value={String(speed)}
        onChange={(e) => {
          const chosen = parseSpeed(e.target.value);
          if (chosen !== undefined) void setSpeed(chosen);
        }}
      >
        {SPEEDS.map((option) => (
          <option key={option} value={String(option)}>
            {speedLabel(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** All settings in their groups. */
export function Controls() {
  const clipMode = useAppState((s) => s.config.clipMode);
  const task = useAppState((s) => s.config.task);
  // a teacher's link may fix some settings and take their controls off the page (?hide=cell,optimizer)
  const { hidden } = usePageDisplay();
  // folded by default; the button and the folding exist on small screens only (CSS), wide screens show all
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <div className="controls" data-open={open}>
      <button type="button" className="settings-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
        <span aria-hidden="true" className="settings-chevron">{open ? '▾' : '▸'}</span> Settings
      </button>
      <div id={bodyId} className="controls-body">
        <PresetPicker />
        <CostEstimate />
        {GROUPS.map((group) => (
          <fieldset key={group.title}>
            <legend>{group.title}</legend>
            {group.fields
              // a task's own settings (the sine wave's period, the digits to reverse) only for that task
              .filter((name) => fieldAppliesTo(CONFIG_FIELDS[name], task) && !hidden.includes(name))
              .map((name) => (
              <SettingField key={name} name={name} disabled={name === 'clipThreshold' && clipMode === 'off'} />
            ))}
            {group.title === 'Task' && <OwnData />}
          </fieldset>
        ))}
      </div>
    </div>
  );
}
