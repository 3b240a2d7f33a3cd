/** Feeds the step-to-step Jacobian view from the store: the run's shape, the latest reading, ‖∂L/∂h_t‖ of the same layer. */
import { useMemo } from 'react';
import { useAppState } from '../storeContext';
import { JacobianView } from './JacobianView';
import { useLatestReading } from './latestReading';

/** The view with live data. */
export function JacobianPanel() {
  const info = useAppState((s) => s.runInfo);
  const hiddenGradNorms = useAppState((s) => (s.frame && s.frame.step > 0 ? s.frame.hiddenGradNorms : undefined));
  const reading = useLatestReading('jacobian');
  const gradNorms = useMemo(() => {
    if (!info || !hiddenGradNorms || hiddenGradNorms.length !== info.layerDirs * info.steps) return undefined;
    // the top layer's forward direction, the layer the Jacobians are read from
    const row = (info.numLayers - 1) * (info.bidirectional ? 2 : 1);
    return hiddenGradNorms.subarray(row * info.steps, (row + 1) * info.steps);
  }, [info, hiddenGradNorms]);
  if (!info) return null;
  return (
    <JacobianView
      cell={info.cell}
      numLayers={info.numLayers}
      bidirectional={info.bidirectional}
      steps={info.steps}
      readout={info.readout}
      decoderSteps={info.decoderSteps}
      reading={reading}
      gradNorms={gradNorms}
    />
  );
}
