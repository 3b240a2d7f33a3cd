/** Lets the learner train the task on their own file (a corpus, labelled sentences), or go back to the built-in data. */
import { useId, useRef } from 'react';
import { useAppState } from './storeContext';

/** Shown for tasks that accept the learner's data. */
export function OwnData() {
  const spec = useAppState((s) => s.runInfo?.userData);
  const using = useAppState((s) => s.runInfo?.usingUserData ?? false);
  const message = useAppState((s) => s.dataMessage);
  const useOwnData = useAppState((s) => s.useOwnData);
  const status = useAppState((s) => s.status);
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  if (!spec) return null;
  return (
    <div className="own-data">
      <label htmlFor={inputId}>{spec.label}</label>
      <input
        id={inputId}
        ref={input}
        type="file"
        accept={spec.accept}
        aria-describedby={hintId}
        disabled={status === 'starting' || status === 'building'}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void useOwnData(file).finally(() => input.current && (input.current.value = ''));
        }}
      />
      <p id={hintId} className="field-hint">
        {spec.hint}
      </p>
      {using && (
        <button type="button" className="link-button" onClick={() => void useOwnData(undefined)}>
          Use the built-in data
        </button>
      )}
      {message && (
        <p className={`file-message file-${message.kind}`} role={message.kind === 'error' ? 'alert' : undefined} aria-live="polite">
          {message.text}
        </p>
      )}
    </div>
  );
}
