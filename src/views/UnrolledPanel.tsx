/** Feeds the unrolled-over-time diagram from the store: inputs, gate means, ‖h_t‖ and ‖∂L/∂h_t‖ per step. */
import { useMemo } from 'react';
import { GATE_NAMES } from '../shared/spec';
import { useDeferredAppState } from './storeContext';
import { gateMeans, hiddenNorms, splitRows } from './telemetry';
import { UnrolledView } from './unrolled/UnrolledView';
import { WhatIfPanel } from './whatIf/WhatIfPanel';
import { gatesFit } from '../shared/gateLayout';

/** The diagram with live data. */
export function UnrolledPanel() {
  // the frame with the run and settings it was made for, deferred together
  // (the Step animation with them, so that it plays over the frame of that step)
  const { info, frame, stepAnimation } = useDeferredAppState((s) => ({ info: s.runInfo, frame: s.frame, stepAnimation: s.stepAnimation }));
  const gates = frame?.gates;
  const data = useMemo(() => {
    if (!info || !gatesFit(gates, info)) return {};
    return {
      gateMeans: gateMeans(gates!, info, GATE_NAMES[info.cell]),
      hiddenNorms: hiddenNorms(gates!, info),
    };
  }, [gates, info]);
  const gradNorms = useMemo(
    () => (info && frame && frame.step > 0 && frame.hiddenGradNorms.length === info.layerDirs * info.steps ? splitRows(frame.hiddenGradNorms, info.layerDirs) : undefined),
    [frame, info],
  );
  if (!info) return null;
  return (
    <>
    <UnrolledView
      cell={info.cell}
      numLayers={info.numLayers}
      bidirectional={info.bidirectional}
      steps={info.steps}
      readout={info.readout}
      decoderSteps={info.decoderSteps}
      inputs={info.probeLabels}
      gateMeans={data.gateMeans}
      hiddenNorms={data.hiddenNorms}
      gradNorms={gradNorms}
      animateKey={stepAnimation}
    />
    <WhatIfPanel />
    </>
  );
}
