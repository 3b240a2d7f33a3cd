import { describe, expect, it } from 'vitest';
import { defaultConfig } from './config';
import { pytorchCode } from './pytorchCode';

const shape = { inputSize: 1, outputSize: 1, readout: 'last' as const, fileName: 'unrolled-sine-lstm-step120.safetensors', exampleInput: '[[[0.1], [0.2]]]' };

describe('pytorchCode', () => {
  it('writes the nn.LSTM of the config with the export’s file name', () => {
    const code = pytorchCode({ ...defaultConfig(), hiddenSize: 32, numLayers: 2, dropout: 0.2 }, shape);
    expect(code).toContain('self.rnn = nn.LSTM(\n            input_size=1,\n            hidden_size=32,\n            num_layers=2,\n            batch_first=True,\n            dropout=0.2,\n            bidirectional=False,\n        )');
    expect(code).toContain('self.head = nn.Linear(32, 1)');
    expect(code).toContain('return self.head(out[:, -1]), state');
    expect(code).toContain('model.load_state_dict(load_file("unrolled-sine-lstm-step120.safetensors"), strict=True)');
    expect(code).toContain('y, (h_n, c_n) = model(x)');
    expect(code).toContain('x = torch.tensor([[[0.1], [0.2]]]).float()');
  });

  it('uses nn.RNN with nonlinearity for ReLU, doubles the head for bidirectional, and drops dropout for one layer', () => {
    const code = pytorchCode({ ...defaultConfig(), cell: 'rnn-relu', bidirectional: true, dropout: 0.5 }, shape);
    expect(code).toContain("self.rnn = nn.RNN(");
    expect(code).toContain("nonlinearity='relu',");
    expect(code).toContain('dropout=0.0,');
    expect(code).toContain('bidirectional=True,');
    expect(code).toContain('self.head = nn.Linear(32, 1)');
    expect(code).toContain('y, h_n = model(x)');
  });

  it('adds the embedding for token tasks and reads every step for many-to-many', () => {
    const code = pytorchCode({ ...defaultConfig(), cell: 'gru' }, { ...shape, vocabSize: 60, inputSize: 24, outputSize: 60, readout: 'all', exampleInput: '[[3, 4, 5]]' });
    expect(code).toContain('self.embedding = nn.Embedding(60, 24)');
    expect(code).toContain('x = self.embedding(x)');
    expect(code).toContain('return self.head(out), state');
    expect(code).toContain('x = torch.tensor([[3, 4, 5]])\n');
  });
});

describe('pytorchCode for an encoder–decoder', () => {
  it('writes the encoder (rnn) and the decoder with a shared embedding, teacher-forced forward and a greedy generate', () => {
    const code = pytorchCode({ ...defaultConfig(), task: 'reverse', cell: 'gru', hiddenSize: 24, numLayers: 2, dropout: 0.1 }, {
      inputSize: 8, outputSize: 10, readout: 'decoder', vocabSize: 11, decoderSteps: 4, fileName: 'unrolled-reverse-gru-step9.safetensors', exampleInput: '[[3, 1, 4, 1]]',
    });
    expect(code).toContain('self.embedding = nn.Embedding(11, 8)');
    expect(code).toContain('self.rnn = nn.GRU(8, 24, num_layers=2, batch_first=True, dropout=0.1)  # the encoder');
    expect(code).toContain('self.decoder = nn.GRU(8, 24, num_layers=2, batch_first=True, dropout=0.1)');
    expect(code).toContain('self.head = nn.Linear(24, 10)');
    expect(code).toContain('START = 10');
    expect(code).toContain('out, _ = self.decoder(self.embedding(tgt_in), state)');
    expect(code).toContain('def generate(self, src, steps=4):');
    expect(code).toContain('src = torch.tensor([[3, 1, 4, 1]])');
    expect(code).toContain('model.load_state_dict(load_file("unrolled-reverse-gru-step9.safetensors"), strict=True)');
  });
});
