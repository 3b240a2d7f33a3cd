/** One-click scenarios (the divergence lab's presets), with what each one does and why. */
import { useId } from 'react';
import { PRESETS } from '../shared/presets';
import { useAppState } from './storeContext';

/** A labelled select of presets and the chosen one's description. */
export function PresetPicker() {
  const preset = useAppState((s) => s.preset);
  const applyPreset = useAppState((s) => s.applyPreset);
  const status = useAppState((s) => s.status);
  const id = useId();
  const descriptionId = `${id}-description`;
  const chosen = preset ? PRESETS[preset] : undefined;
  return (
    <fieldset>
      <legend>Scenario</legend>
      <div className="field">
        <label htmlFor={id}>Preset</label>
        <select
          id={id}
          value={preset ?? ''}
          disabled={status === 'starting'}
          aria-describedby={chosen ? descriptionId : undefined}
          onChange={(e) => void applyPreset(e.target.value || undefined)}
        >
          <option value="">Defaults</option>
          {Object.values(PRESETS).map((p) => (
            <option key={p.name} value={p.name}>
              {p.title} ({p.name})
            </option>
          ))}
        </select>
      </div>
      {chosen && (
        <p id={descriptionId} className="preset-description">
          {chosen.description}
        </p>
      )}
    </fieldset>
  );
}
