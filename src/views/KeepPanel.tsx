/** Keep and share: export the model, import one, and the PyTorch code that loads the export. */
import { useId, useRef, useState } from 'react';
import { pytorchCode } from '../shared/pytorchCode';
import type { ExportFormat, RunInfo } from '../shared/protocol';
import { CopyModelLink } from './CopyModelLink';
import { downloadFile } from './download';
import { SavedRunsList } from './SavedRuns';
import { useAppState } from './storeContext';
import { Panel } from './Panel';

/**
 * The probe example as a Python literal of the model's input: token ids (1, T) for token tasks (an
 * encoder–decoder's encoder part only), else values (1, T, features).
 */
function exampleInput(info: RunInfo): string {
  const steps = info.steps - info.decoderSteps;
  if (info.vocabSize) return `[[${Array.from(info.probeInput.slice(0, steps)).join(', ')}]]`;
  const features = info.probeInput.length / info.steps;
  const rows = Array.from({ length: steps }, (_, t) => `[${Array.from(info.probeInput.slice(t * features, (t + 1) * features), (v) => v.toFixed(3)).join(', ')}]`);
  return `[[${rows.join(', ')}]]`;
}

/** "unrolled-sine-lstm-step120.safetensors" (the same rule as the worker's exportFileName). */
function fileName(task: string, cell: string, step: number): string {
  return `unrolled-${task}-${cell}-step${step}.safetensors`;
}

/** The panel. */
export function KeepPanel() {
  const config = useAppState((s) => s.config);
  const info = useAppState((s) => s.runInfo);
  const step = useAppState((s) => s.frame?.step ?? 0);
  const status = useAppState((s) => s.status);
  const message = useAppState((s) => s.fileMessage);
  const exportModel = useAppState((s) => s.exportModel);
  const exportNotebook = useAppState((s) => s.exportNotebook);
  const importFile = useAppState((s) => s.importFile);
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const busy = status === 'starting';
  // the store makes the file (or says why it could not); saving it is the page's part
  const saveExport = async (format: ExportFormat) => {
    const file = await exportModel(format);
    if (file) downloadFile(file);
  };

  const code = info
    ? pytorchCode(config, {
        inputSize: info.inputSize,
        outputSize: info.outputSize,
        readout: info.readout,
        vocabSize: info.vocabSize,
        decoderSteps: info.decoderSteps,
        fileName: fileName(config.task, config.cell, step),
        exampleInput: exampleInput(info),
      })
    : '';

  return (
    <Panel title="Keep and share" label="Export, import and PyTorch code" className="keep">
      <div className="keep-actions">
        <button type="button" onClick={() => void saveExport('safetensors')} disabled={busy || !info}>
          Export .safetensors
        </button>
        <button type="button" onClick={() => void saveExport('json')} disabled={busy || !info}>
          Export JSON
        </button>
        <button type="button" onClick={() => void exportNotebook().then((file) => file && downloadFile(file))} disabled={busy || !info}>
          Export notebook
        </button>
        <label htmlFor={inputId} className="file-label">
          Import weights
        </label>
        <input
          id={inputId}
          ref={fileInput}
          type="file"
          accept=".safetensors,.json,application/json,application/octet-stream"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file).finally(() => fileInput.current && (fileInput.current.value = ''));
          }}
        />
      </div>
      <CopyModelLink />
      {message && (
        <p className={`file-message file-${message.kind}`} role={message.kind === 'error' ? 'alert' : undefined} aria-live="polite">
          {message.text}
        </p>
      )}
      <p className="panel-note">
        The export is a PyTorch <code>state_dict</code> (<code>rnn.weight_ih_l0</code>, <code>head.weight</code>, …) with the settings in its header. This
        code builds the same network and loads it:
      </p>
      <div className="code-block">
        <button
          type="button"
          className="copy-button"
          onClick={() => {
            void navigator.clipboard?.writeText(code).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          {copied ? 'Copied' : 'Copy code'}
        </button>
        {/* a scrolling region: focusable, so that a keyboard can scroll it (axe: scrollable-region-focusable) */}
        <pre role="region" tabIndex={0} aria-label="PyTorch code of the current model">
          <code>{code}</code>
        </pre>
      </div>
      <SavedRunsList />
    </Panel>
  );
}
