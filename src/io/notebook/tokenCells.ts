/**
 * The classifying tasks' cells: sentiment (words → ids with the metadata's vocabulary, left-padded), character
 * generation (characters → ids), reverse digits (the encoder–decoder, decoding greedily) and remember the first
 * symbol (one-hot symbols with a start marker). Each builds X_HELD_OUT as the app's held-out batch and scores it
 * as the app does.
 */
import type { ChargenHeldOut, MemoryHeldOut, ReverseHeldOut, SentimentHeldOut } from './heldOutData';
import { intList, pyString, stringList } from './pythonLiterals';

/** Sentiment's held-out sentences, encoded as the app encodes them. */
export function sentimentDataCell(data: SentimentHeldOut): string {
  return [
    '# Held-out sentences, already tokenized as the app does (lowercase words, n\'t -> not), and their labels.',
    'VOCAB = json.loads(METADATA["vocab"])  # id -> token; id 0 pads, id 1 is any unknown word',
    'TOKEN_IDS = {token: k for k, token in enumerate(VOCAB)}',
    'PAD_ID, UNK_ID, MAX_LEN = int(METADATA["pad_id"]), int(METADATA["unk_id"]), int(METADATA["max_len"])',
    'LABEL_NAMES = json.loads(METADATA["labels"])',
    '',
    'def encode(words):',
    '    """Ids of the last MAX_LEN words, LEFT-padded: the last step always holds the last word."""',
    '    ids = [TOKEN_IDS.get(word, UNK_ID) for word in words][-MAX_LEN:]',
    '    return [PAD_ID] * (MAX_LEN - len(ids)) + ids',
    '',
    `SENTENCES = ${stringList(data.sentences.map((words) => words.join(' ')))}`,
    `LABELS = np.array(${intList(data.labels)}, dtype=np.int64)`,
    'X_HELD_OUT = np.array([encode(sentence.split()) for sentence in SENTENCES], dtype=np.int64)',
    'BASELINES = {"chance": float(max(LABELS.mean(), 1 - LABELS.mean()))}  # always the commoner label',
    'print(f"{len(SENTENCES)} held-out sentences, e.g. {SENTENCES[0]!r} ({LABEL_NAMES[LABELS[0]]})")',
  ].join('\n');
}

/** Character generation's held-out windows: T + 1 characters each, inputs and next-character targets. */
export function chargenDataCell(data: ChargenHeldOut): string {
  return [
    '# Held-out windows of the text\'s last tenth (never trained on), each T + 1 characters long.',
    'VOCAB = json.loads(METADATA["vocab"])  # id -> character; id 0 is <unk>, every rare character',
    'CHAR_IDS = {char: k for k, char in enumerate(VOCAB)}',
    'UNK_ID = int(METADATA["unk_id"])',
    '',
    `WINDOWS = ${stringList(data.windows)}`,
    'ids = np.array([[CHAR_IDS.get(char, UNK_ID) for char in window] for window in WINDOWS], dtype=np.int64)',
    'X_HELD_OUT, Y_HELD_OUT = ids[:, :-1], ids[:, 1:]  # read a character, predict the next',
    'BASELINES = {}',
    'print(f"{len(WINDOWS)} held-out windows of {X_HELD_OUT.shape[1]} characters, e.g. {WINDOWS[0][:60]!r}")',
  ].join('\n');
}

/** Reverse digits' held-out sequences, and the batch the app scores (encoder digits, then the decoder's inputs). */
export function reverseDataCell(data: ReverseHeldOut): string {
  return [
    '# Held-out digit sequences (training never sees them): the encoder reads each, the decoder writes it reversed.',
    `SEQUENCES = ${stringList(data.sequences)}`,
    'START = int(METADATA["vocab_size"]) - 1  # the decoder\'s start token (the last embedding row)',
    'SOURCE = np.array([[int(d) for d in s] for s in SEQUENCES], dtype=np.int64)',
    'REVERSED = SOURCE[:, ::-1].copy()',
    '# as the app lays out a batch: the N digits, then the decoder\'s teacher-forced inputs [START, r1 ... r(N-1)]',
    'X_HELD_OUT = np.concatenate([SOURCE, np.full((len(SOURCE), 1), START), REVERSED[:, :-1]], axis=1)',
    'BASELINES = {"chance": 10.0 ** -SOURCE.shape[1]}  # every digit guessed right at random',
    'print(f"{len(SEQUENCES)} held-out sequences of {SOURCE.shape[1]} digits, e.g. {SEQUENCES[0]}")',
  ].join('\n');
}

/** Remember the first symbol's held-out sequences as one-hot steps with the start marker on the first. */
export function memoryDataCell(data: MemoryHeldOut): string {
  return [
    '# Held-out sequences at the full lag: the first symbol is marked, the network must name it at the end.',
    `SYMBOLS = ${pyString(data.symbols.join(''))}`,
    `SEQUENCES = ${stringList(data.sequences)}`,
    'X_HELD_OUT = np.zeros((len(SEQUENCES), len(SEQUENCES[0]), len(SYMBOLS) + 1), dtype=np.float32)',
    'for b, sequence in enumerate(SEQUENCES):',
    '    for t, symbol in enumerate(sequence):',
    '        X_HELD_OUT[b, t, SYMBOLS.index(symbol)] = 1.0',
    '    X_HELD_OUT[b, 0, len(SYMBOLS)] = 1.0  # the start marker',
    'LABELS = np.array([SYMBOLS.index(s[0]) for s in SEQUENCES], dtype=np.int64)',
    'BASELINES = {"chance": 1 / len(SYMBOLS)}',
    'print(f"{len(SEQUENCES)} held-out sequences of {X_HELD_OUT.shape[1]} steps, e.g. {SEQUENCES[0]}")',
  ].join('\n');
}

/** evaluate(model) for a many-to-one classifier (sentiment, memory): accuracy. */
export function classifierEvaluate(): string {
  return [
    'def evaluate(model):',
    '    model.eval()',
    '    with torch.no_grad():',
    '        logits, _ = model(torch.from_numpy(X_HELD_OUT))',
    '    return {"accuracy": float((logits.argmax(-1).numpy() == LABELS).mean())}',
  ].join('\n');
}

/** evaluate(model) for character generation: bits per character and accuracy of the next character. */
export function chargenEvaluate(): string {
  return [
    'def evaluate(model):',
    '    model.eval()',
    '    with torch.no_grad():',
    '        logits, _ = model(torch.from_numpy(X_HELD_OUT))',
    '        log_p = torch.log_softmax(logits.double(), dim=-1)',
    '        target = torch.from_numpy(Y_HELD_OUT)',
    '        nats = -log_p.gather(-1, target[..., None]).mean().item()',
    '        right = (logits.argmax(-1) == target).double().mean().item()',
    '    return {"bitsPerChar": nats / math.log(2), "accuracy": right}',
  ].join('\n');
}

/** evaluate(model) for reverse digits: the decoder writes alone (greedy); exact sequences and digits right. */
export function reverseEvaluate(): string {
  return [
    'def evaluate(model):',
    '    model.eval()',
    '    written = model.generate(torch.from_numpy(SOURCE)).numpy()',
    '    right = written == REVERSED',
    '    return {"accuracy": float(right.all(axis=1).mean()), "digitAccuracy": float(right.mean())}',
  ].join('\n');
}

/** The training loss of each classifying task, as the app trains it. */
export function classifierTrainingLoss(task: 'sentiment' | 'memory' | 'chargen' | 'reverse'): string {
  if (task === 'chargen') {
    return ['def training_loss(model, x, y):', '    logits, _ = model(x)', '    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))  # every step'].join('\n');
  }
  if (task === 'reverse') {
    return [
      'def training_loss(model, x, y):',
      '    n = x.shape[1] // 2  # the encoder\'s digits, then the decoder\'s teacher-forced inputs',
      '    logits = model(x[:, :n], x[:, n:])',
      '    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))',
    ].join('\n');
  }
  return ['def training_loss(model, x, y):', '    logits, _ = model(x)', '    return F.cross_entropy(logits, y)'].join('\n');
}
