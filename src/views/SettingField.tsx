/**
 * One setting from the config table as a labelled control: select, checkbox or number input. Where the value is
 * the task's own default (TASK_DEFAULTS), a short note under it says so.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { CONFIG_FIELDS, ownDefault, type TrainConfig } from '../shared/config';
import { useAppState } from './storeContext';

/** A labelled control bound to one config key. */
export function SettingField({ name, disabled = false }: { name: keyof TrainConfig; disabled?: boolean }) {
  const field = CONFIG_FIELDS[name];
  const value = useAppState((s) => s.config[name]);
  const setSetting = useAppState((s) => s.setSetting);
  const task = useAppState((s) => s.config.task);
  const sentimentSource = useAppState((s) => s.config.sentimentSource);
  const id = useId();
  const errorId = `${id}-error`;
  const noteId = `${id}-note`;
  const own = ownDefault(name, { task, sentimentSource });
  const note = own && own.value === value ? `default for ${own.of}` : undefined;
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => setDraft(String(value)), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = async (raw: unknown) => {
    clearTimeout(timer.current);
    const problem = await setSetting(name, raw);
    setError(problem);
  };

  // a refused value (out of range, or one that does not go with another setting) says why, beside the control
  const describedBy = [error && errorId, note && noteId].filter(Boolean).join(' ') || undefined;
  const errorProps = { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy } as const;
  const errorText = (
    <>
      {note && (
        <p id={noteId} className="field-note">
          {note}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );

  if (field.kind === 'enum') {
    return (
      <div className="field">
        <label htmlFor={id}>{field.label}</label>
        <select id={id} value={String(value)} disabled={disabled} onChange={(e) => void commit(e.target.value)} {...errorProps}>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {field.optionLabels?.[option] ?? option}
            </option>
          ))}
        </select>
        {errorText}
      </div>
    );
  }
  if (field.kind === 'bool') {
    return (
      <div className="field field-check">
        <input id={id} type="checkbox" checked={Boolean(value)} disabled={disabled} onChange={(e) => void commit(e.target.checked)} {...errorProps} />
        <label htmlFor={id}>{field.label}</label>
        {errorText}
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={field.min}
        max={field.max}
        step={field.step ?? (field.integer ? 1 : 'any')}
        value={draft}
        disabled={disabled}
        {...errorProps}
        onChange={(e) => {
          const raw = e.target.value;
          setDraft(raw);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void commit(raw), 600);
        }}
        onBlur={() => void commit(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit(draft);
        }}
      />
      {field.slider && (
        <input
          type="range"
          className="field-slider"
          aria-label={`${field.label} slider`}
          min={0}
          max={1000}
          step={1}
          disabled={disabled}
          value={toSlider(Number(value), field.slider)}
          aria-valuetext={String(value)}
          onChange={(e) => void commit(fromSlider(Number(e.target.value), field.slider!))}
        />
      )}
      {errorText}
    </div>
  );
}

/** Slider position (0…1000) of a value, log-spaced when asked. */
export function toSlider(value: number, range: { min: number; max: number; log: boolean }): number {
  const clamp = Math.min(range.max, Math.max(range.min, value));
  const x = range.log ? Math.log(clamp / range.min) / Math.log(range.max / range.min) : (clamp - range.min) / (range.max - range.min);
  return Math.round(x * 1000);
}

/** The value at a slider position, rounded to two significant digits so that it reads well. */
export function fromSlider(position: number, range: { min: number; max: number; log: boolean }): number {
  const x = position / 1000;
  const v = range.log ? range.min * (range.max / range.min) ** x : range.min + x * (range.max - range.min);
  return Number(v.toPrecision(2));
}
