/**
 * The PyTorch code of the model the app shows (the lesson's §10 made concrete): the nn.Module, and the lines
 * that load an exported .safetensors file and run it. Generated from the config, so it always matches.
 */
import { CELL_LABELS, type TrainConfig } from './config';
import { TORCH_MODE, type Readout } from './spec';

/** What the code needs beyond the config: the task's input and output sizes, vocabulary and readout. */
export interface CodeShape {
  inputSize: number;
  outputSize: number;
  readout: Readout;
  vocabSize?: number;
  /** Encoder–decoder: the decoder's steps (how many tokens it writes). */
  decoderSteps?: number;
  /** File name of the export the code loads. */
  fileName: string;
  /** One example input for the last lines, as a Python literal of shape (1, T, inputSize) (or (1, T) token ids). */
  exampleInput?: string;
}

const MODULES = { LSTM: 'nn.LSTM', GRU: 'nn.GRU', RNN_TANH: 'nn.RNN', RNN_RELU: 'nn.RNN' } as const;

/** The imports every listing starts with. */
const HEADER = ['import torch', 'from torch import nn', 'from safetensors.torch import load_file  # pip install safetensors', '', ''];

/** The lines that build the model and load the export into it. */
function loadLines(fileName: string): string[] {
  return ['model = Model()', `model.load_state_dict(load_file(${JSON.stringify(fileName)}), strict=True)`, 'model.eval()'];
}

/** Python source for the config. */
export function pytorchCode(config: TrainConfig, shape: CodeShape): string {
  if (shape.readout === 'decoder') return encoderDecoderCode(config, shape);
  const mode = TORCH_MODE[config.cell];
  const dirs = config.bidirectional ? 2 : 1;
  const args = [
    `input_size=${shape.inputSize}`,
    `hidden_size=${config.hiddenSize}`,
    `num_layers=${config.numLayers}`,
    ...(mode === 'RNN_RELU' ? ["nonlinearity='relu'"] : []),
    'batch_first=True',
    `dropout=${pyFloat(config.numLayers > 1 ? config.dropout : 0)}`,
    `bidirectional=${config.bidirectional ? 'True' : 'False'}`,
  ];
  const lines = [
    ...HEADER,
    'class Model(nn.Module):',
    `    """${CELL_LABELS[config.cell]} for the ${config.task} task, as trained in Unrolled."""`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...(shape.vocabSize ? [`        self.embedding = nn.Embedding(${shape.vocabSize}, ${shape.inputSize})`] : []),
    `        self.rnn = ${MODULES[mode]}(`,
    ...args.map((a) => `            ${a},`),
    '        )',
    `        self.head = nn.Linear(${config.hiddenSize * dirs}, ${shape.outputSize})`,
    '',
    '    def forward(self, x, state=None):',
    ...(shape.vocabSize ? ['        x = self.embedding(x)  # (batch, time) token ids -> (batch, time, features)'] : []),
    `        out, state = self.rnn(x, state)  # out: (batch, time, ${config.hiddenSize * dirs})`,
    shape.readout === 'last'
      ? '        return self.head(out[:, -1]), state  # many-to-one: read the last step'
      : '        return self.head(out), state  # many-to-many: a prediction at every step',
    '',
    '',
    ...loadLines(shape.fileName),
    '',
    `x = torch.tensor(${shape.exampleInput ?? `[[[0.0]] * ${config.sequenceLength}]`})${shape.vocabSize ? '' : '.float()'}`,
    'with torch.no_grad():',
    mode === 'LSTM' ? '    y, (h_n, c_n) = model(x)' : '    y, h_n = model(x)',
    'print(y)',
  ];
  return lines.join('\n') + '\n';
}

/**
 * The encoder–decoder: `rnn` (the encoder) and `decoder` share the embedding; the decoder starts from the
 * encoder's final state. forward() is teacher-forced (as in training); generate() feeds back its own argmax.
 * `exampleInput` is the encoder's input, (1, T) token ids.
 */
function encoderDecoderCode(config: TrainConfig, shape: CodeShape): string {
  const mode = TORCH_MODE[config.cell];
  const module = MODULES[mode];
  const args = [
    `${shape.inputSize}`,
    `${config.hiddenSize}`,
    `num_layers=${config.numLayers}`,
    ...(mode === 'RNN_RELU' ? ["nonlinearity='relu'"] : []),
    'batch_first=True',
    `dropout=${pyFloat(config.numLayers > 1 ? config.dropout : 0)}`,
  ].join(', ');
  const lines = [
    ...HEADER,
    'class Model(nn.Module):',
    `    """${CELL_LABELS[config.cell]} encoder–decoder for the ${config.task} task, as trained in Unrolled."""`,
    '',
    `    START = ${(shape.vocabSize ?? 1) - 1}  # the decoder's start token`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    `        self.embedding = nn.Embedding(${shape.vocabSize}, ${shape.inputSize})`,
    `        self.rnn = ${module}(${args})  # the encoder`,
    `        self.decoder = ${module}(${args})`,
    `        self.head = nn.Linear(${config.hiddenSize}, ${shape.outputSize})`,
    '',
    '    def forward(self, src, tgt_in):',
    '        """Teacher forcing, as in training: tgt_in = [START, y_1 ... y_(n-1)]."""',
    '        _, state = self.rnn(self.embedding(src))  # only the final state goes on',
    '        out, _ = self.decoder(self.embedding(tgt_in), state)',
    '        return self.head(out)',
    '',
    '    @torch.no_grad()',
    `    def generate(self, src, steps=${shape.decoderSteps ?? 1}):`,
    '        """Writes alone: each step reads the previous step\'s answer."""',
    '        _, state = self.rnn(self.embedding(src))',
    '        token = torch.full((src.shape[0], 1), self.START, dtype=torch.long)',
    '        written = []',
    '        for _ in range(steps):',
    '            out, state = self.decoder(self.embedding(token), state)',
    '            token = self.head(out).argmax(-1)',
    '            written.append(token)',
    '        return torch.cat(written, dim=1)',
    '',
    '',
    ...loadLines(shape.fileName),
    '',
    `src = torch.tensor(${shape.exampleInput ?? '[[0]]'})`,
    'print(model.generate(src))',
  ];
  return lines.join('\n') + '\n';
}

/** A Python float literal: 0.0, 0.25. */
function pyFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}
