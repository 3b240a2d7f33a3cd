/**
 * Copy link: one address that opens this model (its settings, seed, step and weights), for a course page or a
 * message. The store makes the fragment (state/modelLink.ts); this view puts the page's own address before it,
 * copies it, and shows it in a read-only field with its size, or says why the link carries the settings only.
 */
import { useEffect, useId, useState } from 'react';
import type { ModelLinkMade } from '../state/modelLinkSlice';
import { useAppState } from './storeContext';
import './modelLink.css';

/** What the view shows after Copy link: the address, and a sentence about it. */
interface Shown {
  address: string;
  note: string;
  problem?: boolean;
}

/** "3.2 kB" */
function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

/** The address and what to say about it, for a link made at the page's address `page` (origin, path and query). */
export function describeModelLink(page: string, made: ModelLinkMade): Shown {
  const step = made.step.toLocaleString('en-US');
  if ('tooLarge' in made) {
    return {
      address: page,
      problem: true,
      note: `This model is ${kilobytes(made.compressedBytes)} compressed, more than the ${kilobytes(made.maxCompressedBytes)} a link can carry, so the link carries the settings and seed only: it opens an untrained model. Export .safetensors to share the weights.`,
    };
  }
  const address = `${page}${made.fragment}`;
  return {
    address,
    note: `The link carries the settings, the seed, step ${step} and the weights: ${kilobytes(made.compressedBytes)} compressed, ${address.length.toLocaleString('en-US')} characters.`,
  };
}

/** The button, the field with the link, and the note. */
export function CopyModelLink() {
  const makeModelLink = useAppState((s) => s.makeModelLink);
  const ready = useAppState((s) => s.runInfo !== undefined && s.status !== 'starting' && s.status !== 'building');
  const runId = useAppState((s) => s.runInfo?.runId);
  const fieldId = useId();
  const [shown, setShown] = useState<Shown>();
  const [making, setMaking] = useState(false);

  // a new run (another model) makes the link shown stale
  useEffect(() => setShown(undefined), [runId]);

  const copyLink = async () => {
    setMaking(true);
    try {
      const made = await makeModelLink();
      if ('error' in made) {
        setShown({ address: '', note: made.error, problem: true });
        return;
      }
      const { origin, pathname, search } = window.location;
      const next = describeModelLink(`${origin}${pathname}${search}`, made);
      const copied = await (navigator.clipboard?.writeText(next.address).then(() => true, () => false) ?? false);
      setShown({ ...next, note: `${next.note} ${copied ? 'Copied to the clipboard.' : 'The browser did not let the page copy it: select the link and copy it.'}` });
    } finally {
      setMaking(false);
    }
  };

  return (
    <div className="model-link">
      <button type="button" onClick={() => void copyLink()} disabled={!ready || making}>
        {making ? 'Making the link…' : 'Copy link'}
      </button>
      {shown?.address && (
        <span className="model-link-field">
          <label htmlFor={fieldId}>Link to this model</label>
          <input id={fieldId} type="text" readOnly value={shown.address} onFocus={(e) => e.currentTarget.select()} />
        </span>
      )}
      {shown && (
        <p className={`model-link-note${shown.problem ? ' model-link-problem' : ''}`} aria-live="polite">
          {shown.note}
        </p>
      )}
    </div>
  );
}
