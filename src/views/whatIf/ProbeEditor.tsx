/**
 * The what-if editor: the probe as a text field (words, characters or digits) or one number field per step
 * (series), a decoder step to force for the encoder–decoder, "Run what-if" and "Reset" (back to the task's
 * probe). Local state until submitted: the worker checks the edit and says what it cannot read.
 */
import { useEffect, useId, useState } from 'react';
import type { WhatIfEdit, WhatIfForm } from '../../shared/protocol';

/** Props: the task's form, the edit in force (to start from), and what to do on submit and reset. */
export interface ProbeEditorProps {
  form: WhatIfForm;
  edit?: WhatIfEdit;
  busy: boolean;
  /** Changes whenever the editor must start over (a new run). */
  resetKey: unknown;
  onRun(edit: WhatIfEdit): void;
  onReset(): void;
}

/** A value as its field shows it: four significant digits ("0.3751", "-1.046"). */
function shownValue(value: number | undefined): string {
  return value === undefined ? '' : String(Number(value.toPrecision(4)));
}

/** The editor. */
export function ProbeEditor({ form, edit, busy, resetKey, onRun, onReset }: ProbeEditorProps) {
  const textId = useId();
  const hintId = useId();
  const [text, setText] = useState(edit?.text ?? form.text ?? '');
  // each value as the field shows it (rounded); a field left as shown keeps its exact value (see `submit`)
  const startValues = edit?.values ?? form.values ?? [];
  const [values, setValues] = useState<string[]>(() => startValues.map(shownValue));
  const [forceStep, setForceStep] = useState(edit?.force ? String(edit.force.step) : '');
  const [forceToken, setForceToken] = useState(edit?.force ? String(edit.force.token) : '0');

  // a new run (or a reset) starts from the task's probe again
  useEffect(() => {
    setText(edit?.text ?? form.text ?? '');
    setValues(startValues.map(shownValue));
    setForceStep(edit?.force ? String(edit.force.step) : '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resetKey, edit === undefined]);

  const submit = () => {
    const force = forceStep === '' ? undefined : { step: Number(forceStep), token: Number(forceToken) };
    if (form.kind === 'values') onRun({ values: values.map((v, t) => (v === shownValue(startValues[t]) ? startValues[t] : v.trim() === '' ? NaN : Number(v))) });
    else onRun({ text, force });
  };

  return (
    <form
      className="what-if-form"
      aria-label="Edit the probe"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {form.kind === 'text' ? (
        <>
          <label htmlFor={textId}>Probe {form.decoderSteps > 0 ? 'digits' : 'text'}</label>
          <textarea
            id={textId}
            value={text}
            rows={Math.min(4, Math.max(1, Math.ceil(text.length / 70)))}
            maxLength={4000}
            spellCheck={false}
            aria-describedby={hintId}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              // Enter runs the edit (as in a one-line field); Shift+Enter types a line break
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                submit();
              }
            }}
          />
        </>
      ) : (
        <fieldset className="what-if-values" aria-describedby={hintId}>
          <legend>Probe values</legend>
          {values.map((value, t) => (
            <label key={t} className="what-if-value">
              <span>t = {t + 1}</span>
              <input
                type="number"
                step="any"
                value={value}
                aria-label={`Value at t = ${t + 1}`}
                onChange={(e) => setValues((old) => old.map((v, k) => (k === t ? e.target.value : v)))}
              />
            </label>
          ))}
        </fieldset>
      )}
      <p id={hintId} className="what-if-hint">
        {form.hint} {form.kind === 'text' && 'Enter runs it.'}
      </p>
      {form.decoderSteps > 0 && (
        <div className="what-if-force">
          <label>
            Force decoder step{' '}
            <select value={forceStep} onChange={(e) => setForceStep(e.target.value)}>
              <option value="">none (decode greedily)</option>
              {Array.from({ length: form.decoderSteps }, (_, k) => (
                <option key={k} value={k}>
                  {k + 1}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            to write{' '}
            <select value={forceToken} disabled={forceStep === ''} onChange={(e) => setForceToken(e.target.value)}>
              {(form.decoderTokens ?? []).map((token, id) => (
                <option key={id} value={id}>
                  {token}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="what-if-buttons">
        <button type="submit" className="primary" disabled={busy}>
          Run what-if
        </button>
        <button type="button" aria-label="Reset the probe" disabled={busy} onClick={onReset}>
          Reset
        </button>
      </div>
    </form>
  );
}
