/**
 * Unrolled's command line, on the same core as the app:
 *   npm run cli -- forward --weights FILE.safetensors --input X.json [--grad] [--jacobian] [--out OUT.json]
 *   npm run cli -- train --task sine --cell lstm [--hidden N] [--layers N] [--bidirectional] [--steps N]
 *                        [--lr X] [--clip X] [--seed N] --out FILE.safetensors
 *   npm run cli -- notebook --weights FILE.safetensors --out RUN.ipynb
 * Progress goes to stderr; the result (JSON) is the last line on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runForward } from './forward';
import { runNotebookCommand } from './notebook';
import { runTrain } from './train';
import { UsageError } from './errors';

const USAGE = `Usage:
  npm run cli -- forward --weights FILE.safetensors --input X.json [--grad] [--jacobian] [--out OUT.json]
  npm run cli -- train --task sine|co2|sentiment|chargen|reverse|memory --cell lstm|gru|rnn-tanh|rnn-relu [--hidden N] [--layers N]
                       [--bidirectional] [--init default|orthogonal|identity] [--steps N] [--lr X] [--clip X] [--seed N] --out FILE.safetensors
  npm run cli -- notebook --weights FILE.safetensors --out RUN.ipynb   (a Jupyter notebook of the run; --help for more)
  --grad adds "hiddenGradNorms" (‖∂L/∂h_t‖ for L = Σ outputs); --jacobian adds "jacobianSingularValues" (batch, T, min(3, H)):
  the largest singular values of the top layer's ∂h_t/∂h_{t−1} (LSTM: of [h; c]), one-directional networks only.
Each task starts from its own defaults; run "npm run cli -- train --help" for every training flag and each task's defaults.`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'forward') {
    const { values } = parseArgs({
      args: rest,
      options: {
        weights: { type: 'string' },
        input: { type: 'string' },
        grad: { type: 'boolean', default: false },
        jacobian: { type: 'boolean', default: false },
        out: { type: 'string' },
        backend: { type: 'string', default: 'wasm' },
      },
      strict: true,
    });
    if (!values.weights || !values.input) throw new UsageError('forward needs --weights FILE.safetensors and --input X.json');
    const result = await runForward({
      weights: readBytes(values.weights),
      input: readJson(values.input),
      grad: values.grad,
      jacobian: values.jacobian,
      backend: values.backend === 'cpu' ? 'cpu' : 'wasm',
      log: (line) => process.stderr.write(line + '\n'),
    });
    const text = JSON.stringify(result);
    if (values.out) {
      writeFileSync(values.out, text + '\n');
      process.stderr.write(`Wrote ${values.out}\n`);
    } else process.stdout.write(text + '\n');
    return;
  }
  if (command === 'train') {
    const summary = await runTrain(rest, (line) => process.stderr.write(line + '\n'));
    process.stdout.write(('help' in summary ? String(summary.help) : JSON.stringify(summary)) + '\n');
    return;
  }
  if (command === 'notebook') {
    const summary = await runNotebookCommand(rest, (line) => process.stderr.write(line + '\n'));
    process.stdout.write(('help' in summary ? summary.help : JSON.stringify(summary)) + '\n');
    return;
  }
  if (command === undefined || command === '--help' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  throw new UsageError(`Unknown command "${command}".\n${USAGE}`);
}

function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as Error).message}`);
  }
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: Error) => {
    const known = ['UsageError', 'ModelFileError', 'SafetensorsError', 'InputError'].includes(error.name) || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
    process.stderr.write(`error: ${error.message}\n`);
    if (!known) process.stderr.write(`${error.stack ?? ''}\n`);
    process.exit(known ? 2 : 1);
  },
);
