/**
 * The network unrolled over time, with its legend, caption and readout: the diagram (UnrolledDiagram), the Step
 * animation over it (StepAnimation), and the hover/keyboard targets (StepTargets) that choose the step the readout
 * (UnrolledReadout) shows. Watch ‖∂L/∂h_t‖ fade toward early steps; after a single Step the forward pass runs
 * left → right, then BPTT right → left.
 */
import { useRef, useState } from 'react';
import { GATE_NAMES, type CellKind } from '../../shared/spec';
import { formatValue } from '../format';
import { GATE_COLORS, GATE_LABELS, UNIT_INTERVAL_GATES } from '../palette';
import { diagramLabel } from './diagramText';
import { StepAnimation } from './StepAnimation';
import { visibleFocus } from './stepFocus';
import { StepTargets } from './StepTargets';
import { UnrolledDiagram } from './UnrolledDiagram';
import { layoutDiagram, logIntensities, positiveRange, type DiagramShape } from './unrolledLayout';
import { UnrolledReadout } from './UnrolledReadout';
import { useStepAnimation } from './useStepAnimation';
import { useViewBoxWidth } from './useViewBoxWidth';
import { SaveMenu } from '../save/SaveMenu';
import './unrolled.css';

/** Per layer·direction, per-step readings of the probe example. */
export interface UnrolledReadings {
  /** [layer·dirs + dir][gate name] → T means over units (LSTM i f g o; GRU r z n; RNN none). */
  gateMeans?: Array<Record<string, ArrayLike<number>>>;
  /** [layer·dirs + dir] → T values of ‖h_t‖ (readout; shades RNN cells). */
  hiddenNorms?: Array<ArrayLike<number>>;
  /** [layer·dirs + dir] → T values of ‖∂L/∂h_t‖ (readout, strip under each cell, backward animation). */
  gradNorms?: Array<ArrayLike<number>>;
}

/** Props: the network's shape and, per layer·direction, per-step readings of the probe example. */
export interface UnrolledViewProps extends UnrolledReadings, DiagramShape {
  cell: CellKind;
  /** Short labels of the inputs x_t (length T), e.g. "0.42" or a token. */
  inputs: string[];
  /** Changes on each single Step: plays the forward, then the backward pass (not on the first render). */
  animateKey?: number;
}

/** The diagram with its legend, caption and hover/keyboard readout. */
export function UnrolledView(props: UnrolledViewProps) {
  const { cell, numLayers, bidirectional, readout, inputs, gateMeans, hiddenNorms, gradNorms, animateKey } = props;
  const gates = GATE_NAMES[cell];
  const canvasRef = useRef<HTMLDivElement>(null);
  const width = useViewBoxWidth(canvasRef);
  const layout = layoutDiagram(props, width);
  const gradIntensity = gradNorms ? logIntensities(gradNorms) : undefined;
  // the numbers at the ends of the strip's and the shade's colour scales
  const gradRange = gradNorms && positiveRange(gradNorms);
  const hiddenMax = hiddenNorms && positiveRange(hiddenNorms)?.[1];
  const [focus, setFocus] = useState<number>();
  const focused = visibleFocus(focus, layout.columns);
  const playing = useStepAnimation(animateKey);

  return (
    <figure className="chart unrolled">
      <figcaption>
        <span className="chart-title">Unrolled over time</span>
        <SaveMenu name="Unrolled over time" />
        <span className="legend">
          {gates.map((g) => (
            <span key={g} className="legend-item">
              <span className="swatch" style={{ background: GATE_COLORS[g] }} /> {GATE_LABELS[g]}
              {!UNIT_INTERVAL_GATES.has(g) && ' (±, from the middle)'}
            </span>
          ))}
          {gates.length === 0 && (
            <span className="legend-item legend-scale">
              shade ‖h<sub>t</sub>‖: 0 <span className="swatch swatch-hidden-norm" /> {hiddenMax ? formatValue(hiddenMax) : 'max'}
            </span>
          )}
          <span className="legend-item legend-scale">
            strip ‖∂L/∂h<sub>t</sub>‖, log scale:{' '}
            {gradRange ? (
              <>
                {formatValue(gradRange[0])} <span className="swatch swatch-gradient" /> {formatValue(gradRange[1])}
              </>
            ) : (
              <>
                <span className="swatch swatch-gradient" /> after a Step
              </>
            )}
          </span>
        </span>
      </figcaption>

      <div className="unrolled-canvas" ref={canvasRef}>
        <UnrolledDiagram
          cell={cell}
          numLayers={numLayers}
          bidirectional={bidirectional}
          layout={layout}
          label={diagramLabel(cell, props, layout)}
          inputs={inputs}
          gateMeans={gateMeans}
          hiddenNorms={hiddenNorms}
          gradIntensity={gradIntensity}
          focused={focused}
        >
          {/* keyed on the Step, so that its CSS animations restart */}
          {playing !== undefined && <StepAnimation key={playing} layout={layout} gradIntensity={gradIntensity} />}
        </UnrolledDiagram>
        <StepTargets layout={layout} inputs={inputs} tabStop={focused ?? layout.columns.at(-1)?.t} onPoint={setFocus} />
      </div>

      <p className="unrolled-caption">
        The same weights <span className="w-ih">W<sub>ih</sub></span>, <span className="w-hh">W<sub>hh</sub></span> are used at every step
        {numLayers > 1 || bidirectional ? ' (one pair per layer' + (bidirectional ? ' and direction)' : ')') : ''}
        {readout === 'decoder' && ' of the encoder, and the decoder has its own pair, shared over its steps'}: backpropagation through time adds up their
        gradients over all the steps{readout === 'decoder' && ', and the decoder’s gradient reaches the encoder only through the state it was handed'}. Press Step to watch the forward pass run left → right, then the gradient flow back right → left
        {bidirectional && ' (mirrored for the ← direction)'}.
      </p>

      <UnrolledReadout
        cell={cell}
        numLayers={numLayers}
        bidirectional={bidirectional}
        inputs={inputs}
        gateMeans={gateMeans}
        hiddenNorms={hiddenNorms}
        gradNorms={gradNorms}
        focused={layout.columns.find((c) => c.t === focused)}
      />
    </figure>
  );
}
