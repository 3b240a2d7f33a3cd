/**
 * "Start from a model that learned longer": for a task that ships one (public/models/), a button that loads it through
 * the normal import. Training from scratch stays one Reset away; the learner sees what they are starting from.
 */
import { useState } from 'react';
import { PRETRAINED } from '../shared/pretrained';
import { useAppState } from './storeContext';

/** The offer; nothing for a task without a shipped model, or while the learner trains on their own data. */
export function PretrainedOffer() {
  const task = useAppState((s) => s.config.task);
  const usingUserData = useAppState((s) => s.runInfo?.usingUserData ?? false);
  const status = useAppState((s) => s.status);
  const message = useAppState((s) => s.fileMessage);
  const loadPretrained = useAppState((s) => s.loadPretrained);
  const [asked, setAsked] = useState(false);
  const model = PRETRAINED[task];
  if (!model || usingUserData) return null;
  const scores = Object.entries(model.heldOut)
    .map(([name, value]) => (name === 'bitsPerChar' ? `${value.toFixed(2)} bits/char held out` : `${name} ${value.toPrecision(3)}`))
    .join(', ');
  return (
    <div className="pretrained-offer">
      <button
        type="button"
        disabled={status === 'starting'}
        onClick={() => {
          setAsked(true);
          void loadPretrained(model);
        }}
      >
        {/* not "trained": the run's Train button is the one control whose name holds that word */}
        Start from a model that learned longer
      </button>{' '}
      <span className="panel-note">
        {model.title}: {model.steps.toLocaleString('en-US')} steps with the command line ({scores}). Train goes on from there; Reset starts from scratch.
      </span>
      {asked && message && (
        // a polite live region, not role="status": the page's one status is the run's status line
        <p className={`file-message file-${message.kind}`} role={message.kind === 'error' ? 'alert' : undefined} aria-live="polite">
          {message.text}
        </p>
      )}
    </div>
  );
}
