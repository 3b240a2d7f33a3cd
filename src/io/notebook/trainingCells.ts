/**
 * The notebook's last cells: a pool of training examples drawn as the app draws its batches, and a training
 * loop with the run's optimizer (the app's hyper-parameters: tfjs's Adam betas and epsilon, momentum 0.9,
 * RMSprop decay 0.9), learning rate, clipping and batch size, ~100 steps by default. It evaluates again at the
 * end into `held_out_after`; `held_out` stays what the evaluation cell computed.
 */
import type { ICodeCell } from '@jupyterlab/nbformat';
import type { TrainConfig } from '../../shared/config';
import type { TrainingTask } from '../../core/trainingTask';
import { codeCell } from './cells';
import { float32List, float64Text, intList } from './pythonLiterals';
import { trainingPool } from './trainingPool';

/** Steps the training cell runs by default. */
export const NOTEBOOK_TRAINING_STEPS = 100;

const OPTIMIZERS: Record<TrainConfig['optimizer'], string> = {
  adam: 'torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-7)',
  sgd: 'torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)',
  momentum: 'torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=0.9)',
  rmsprop: 'torch.optim.RMSprop(model.parameters(), lr=LEARNING_RATE, alpha=0.9, eps=1e-7)',
};

/** The training-data cell (numpy) and the training cell (torch). */
export function trainingCells(task: TrainingTask, config: TrainConfig, trainingLoss: string, classification: boolean): ICodeCell[] {
  const pool = trainingPool(task, config.batchSize, config.seed, classification);
  const inputs = pool.inputs instanceof Int32Array ? `np.array(${intList(pool.inputs)}, dtype=np.int64)` : `np.array(${float32List(pool.inputs)}, dtype=np.float32)`;
  const targets = pool.targets instanceof Int32Array ? `np.array(${intList(pool.targets)}, dtype=np.int64)` : `np.array(${float32List(pool.targets)}, dtype=np.float32)`;
  const data = [
    `# ${pool.inputShape[0]} training examples, drawn from the task as the app draws its batches.`,
    `TRAIN_X = ${inputs}.reshape(${pool.inputShape.join(', ')})`,
    `TRAIN_Y = ${targets}.reshape(${pool.targetShape.join(', ')})`,
  ].join('\n');
  const train = [
    `STEPS = ${NOTEBOOK_TRAINING_STEPS}  # raise it to train longer`,
    `BATCH_SIZE = ${config.batchSize}`,
    `LEARNING_RATE = ${float64Text(config.learningRate)}`,
    `CLIP_MODE, CLIP = "${config.clipMode}", ${float64Text(config.clipThreshold)}  # clipping: "off", "norm" or "value"`,
    `optimizer = ${OPTIMIZERS[config.optimizer]}`,
    `generator = np.random.default_rng(${config.seed})`,
    '',
    trainingLoss,
    '',
    'model.train()  # dropout on, where the run has it',
    'for step in range(1, STEPS + 1):',
    '    rows = generator.integers(0, len(TRAIN_X), BATCH_SIZE)',
    '    x, y = torch.from_numpy(TRAIN_X[rows]), torch.from_numpy(TRAIN_Y[rows])',
    '    optimizer.zero_grad()',
    '    loss = training_loss(model, x, y)',
    '    loss.backward()',
    '    if CLIP_MODE == "norm":',
    '        torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)  # by the global norm, as the app clips',
    '    elif CLIP_MODE == "value":',
    '        torch.nn.utils.clip_grad_value_(model.parameters(), CLIP)  # each gradient value into [-CLIP, CLIP]',
    '    optimizer.step()',
    '    if step == 1 or step % 10 == 0:',
    '        print(f"step {step}: loss {loss.item():.4f}")',
    '',
    'held_out_after = evaluate(model)  # held_out keeps the scores of the exported weights',
    'print(f"held out after {STEPS} more steps:", held_out_after)',
  ].join('\n');
  return [codeCell('training-data', data), codeCell('train', train)];
}
