/**
 * Lesson 10, "PyTorch" (the RNN lesson's §10): the live model as `nn.LSTM` — batch_first input, what `output`
 * and `h_n` hold and their shapes, the parameters by name and shape, dropout between layers, and the export
 * that the Keep and share panel's code loads. The learner types the first dimension of h_n for a two-layer
 * bidirectional LSTM before building one, and reads the real shapes off the live model. lesson10.claims.test.ts
 * checks every shape the cards state against the trainer's own variables and the generated PyTorch code.
 */
import type { Answer, Lesson, LiveState, Measured } from './types';

/** Python code inside card text: a formula in typewriter type (card text has no other code mark). */
function code(source: string): string {
  return `$\\texttt{${source.replace(/…/g, '...').replace(/_/g, '\\_')}}$`;
}

/** The PyTorch code in the Keep and share panel (its top is scrolled into sight above a phone's card). */
const CODE = { label: 'PyTorch code of the current model' };

/** The lesson's hidden size and sequence length (the sine task reads one feature a step). */
const H = 16;
const T = 20;

/** "output (B, 20, 32) · h_n (4, B, 16)", read off the live model. */
function liveShapes(s: LiveState): string {
  const info = s.runInfo;
  if (!info) return '';
  const dirs = info.bidirectional ? 2 : 1;
  const state = info.cell === 'lstm' ? 'h_n and c_n' : 'h_n';
  return `The live model: input (B, ${info.steps}, ${info.inputSize}) · output (B, ${info.steps}, ${dirs * info.hiddenSize}) · ${state} (${info.layerDirs}, B, ${info.hiddenSize}), B the batch.`;
}

/** "The code's nn.LSTM( now says dropout=0.2.": the dropout line as the code writes it (0.0 with one layer). */
export function dropoutLine(s: Pick<LiveState, 'config'>): string {
  const value = s.config.numLayers > 1 ? s.config.dropout : 0;
  return `The code's ${s.config.cell === 'gru' ? 'nn.GRU' : s.config.cell === 'lstm' ? 'nn.LSTM' : 'nn.RNN'}( now says dropout=${Number.isInteger(value) ? value.toFixed(1) : value}.`;
}

/** Lesson 10. */
export const lesson10: Lesson = {
  number: 10,
  title: 'PyTorch',
  section: '10. Implementation with PyTorch',
  settings: { task: 'sine', forecastTarget: 'last', cell: 'lstm', hiddenSize: H, numLayers: 1, bidirectional: false, dropout: 0, sequenceLength: T, learningRate: 0.01, optimizer: 'adam', clipMode: 'off', seed: 1 },
  views: ['keep'],
  parts: [
    {
      kind: 'setup',
      title: 'The live model is an nn.LSTM',
      pointer: CODE,
      readout: liveShapes,
      text: `The outlined code, written from the live settings, builds an ${code('nn.LSTM')} with ${code('input_size=1')}, ${code('hidden_size=16')}, ${code('num_layers=1')} and ${code('batch_first=True')}. With **batch_first** the input is (batch, seq, feature); without it, (seq, batch, feature).

${code('out, state = self.rnn(x, state)')} returns two things (a state of None starts from zeros). **out** is the top layer's $h_t$ at every step: (B, T, H). For an LSTM, **state** is the pair ${code('(h_n, c_n)')}: **h_n** is the last step's $h$ of every layer and direction, (layers·directions, B, H), and $c_n$ has the same shape. Many-to-one reads ${code('out[:, -1]')}.`,
    },
    {
      kind: 'prediction',
      id: 'h-n-rows',
      title: 'Your prediction',
      text: `Now stack two layers and let each read the sequence both ways: ${code('num_layers=2, bidirectional=True')}, still with 16 hidden units.`,
      ask: {
        kind: 'number',
        question: 'h_n will have the shape (?, B, 16). What is its first dimension?',
        label: 'First dimension of h_n',
        min: 1,
        max: 64,
      },
    },
    {
      kind: 'experiment',
      id: 'two-layers-both-ways',
      title: 'Build it',
      views: ['keep', 'unrolled'],
      controls: ['numLayers', 'bidirectional'],
      pointer: CODE,
      text: 'Set **Layers** to 2 and tick **Bidirectional**. The model is rebuilt, and the outlined code with it; the diagram shows both layers and both directions.',
      readout: liveShapes,
      done: (s) => s.config.numLayers === 2 && s.config.bidirectional && s.runInfo?.numLayers === 2 && s.runInfo.bidirectional === true,
      measure: (s): Measured => ({ rows: s.runInfo?.layerDirs ?? NaN, hidden: s.runInfo?.hiddenSize ?? NaN, width: (s.runInfo?.hiddenSize ?? NaN) * 2 }),
      settingsAfter: { numLayers: 2, bidirectional: true },
    },
    {
      kind: 'reveal',
      prediction: 'h-n-rows',
      experiment: 'two-layers-both-ways',
      title: 'What happened',
      views: ['keep'],
      readout: liveShapes,
      text: 'Your number against the live model’s first dimension of h_n, and the width of output for comparison.',
      reveal(answer: Answer, m: Measured) {
        const shown = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? String(value) : '—');
        return {
          verdict: `You said ${shown(Number(answer))}. h_n is (${shown(m.rows)}, B, ${shown(m.hidden)}): layer 0 forward, layer 0 backward, layer 1 forward, layer 1 backward. output is (B, ${T}, ${shown(m.width)}).`,
          why: `h_n keeps every layer and direction apart ($2 \\times 2 = 4$ rows); output is the top layer's two directions side by side ($2H$ wide). A catch: at ${code('out[:, -1]')} the backward half has read only $x_T$; its whole-sequence summary is ${code('out[:, 0, 16:]')}.`,
          marks: [
            { label: 'your guess', value: Number(answer), kind: 'guess' },
            { label: 'h_n, first dimension', value: m.rows, kind: 'result' },
            { label: 'output, last dimension', value: m.width, kind: 'reference' },
          ],
          scaleLabel: 'size of the dimension',
          linear: true,
        };
      },
    },
    {
      kind: 'pointer',
      title: 'The weights by name',
      pointer: CODE,
      text: `PyTorch names each layer's weights, and the export uses the same names, so ${code('load_state_dict(..., strict=True)')} in the code takes it as it is. With the four gates stacked, $4H = 64$ rows:

${code('weight_ih_l0')} (64, 1) · ${code('weight_hh_l0')} (64, 16) · ${code('bias_ih_l0')} (64) · ${code('bias_hh_l0')} (64)

The backward direction has its own, with ${code('_reverse')} added: ${code('weight_ih_l0_reverse')}, …. Layer 1 reads layer 0's output, both directions side by side, so its ${code('weight_ih_l1')} has as many columns as that output is wide.`,
    },
    {
      kind: 'check',
      id: 'weight-ih-l1',
      title: 'Check',
      text: '',
      question: 'What is the shape of weight_ih_l1 in this model?',
      options: [
        { id: '64x32', label: '(64, 32)', correct: true, feedback: 'Four gates of 16 rows, and 2 × 16 columns: layer 0’s forward and backward h side by side.' },
        { id: '64x16', label: '(64, 16)', correct: false, feedback: 'That is weight_hh_l1: a direction’s own h has 16 values, but layer 1 reads both of layer 0’s directions, 32.' },
        { id: '64x1', label: '(64, 1)', correct: false, feedback: 'Only layer 0 reads the raw input (1 feature); layer 1 reads layer 0’s output.' },
      ],
    },
    {
      kind: 'setup',
      title: 'Dropout between layers',
      controls: ['dropout'],
      pointer: CODE,
      readout: dropoutLine,
      text: `Set **Dropout** to 0.2 and find ${code('dropout=0.2')} in the code, among nn.LSTM's arguments (the line below reads it too). PyTorch drops, at random, that share of each layer's output **except the last layer's**: here only between layer 0 and layer 1, and only in training (${code('model.eval()')} turns it off).

With one layer there is nothing between layers, so the code writes ${code('dropout=0.0')} then (PyTorch would warn that it does nothing).`,
    },
    {
      kind: 'your-turn',
      title: 'Your turn',
      views: ['keep', 'unrolled'],
      controls: ['cell', 'numLayers', 'bidirectional', 'run'],
      readout: liveShapes,
      text: `Predict, then check: with **Cell** GRU, what shape is ${code('weight_ih_l0')}? Train a little, press **Export .safetensors**, and run the outlined code in Python (${code('pip install torch safetensors')}): it loads your weights and prints the output for one sequence.`,
    },
  ],
};
