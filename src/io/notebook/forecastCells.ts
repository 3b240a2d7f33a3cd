/**
 * The forecasting tasks' cells (sine, CO₂): the held-out windows and what they forecast, put in the held-out
 * metric's units with the normalisation from the weights file's metadata, the baselines on the same values,
 * and the evaluation: MSE of the forecast (and RMSE in the series' units, skill against the baselines).
 */
import type { ForecastHeldOut } from './heldOutData';
import { float32List, pyString } from './pythonLiterals';

/** Held-out data (numpy only, no torch): X_HELD_OUT, TRUTH (metric units), BASELINES. */
export function forecastDataCell(data: ForecastHeldOut): string {
  return [
    '# Held-out windows, exactly as the app scores them; the rest comes from the weights file\'s metadata.',
    'READS = METADATA.get("reads", "values")  # the network reads the values, or their month-to-month changes',
    'FORECAST_TARGET = METADATA["forecast_target"]  # "last": one forecast per window; "every": one per step',
    '',
    'def normalisation(prefix):',
    '    """(mean, std) of a z-score the app fitted on the training part, or (0, 1) when it used none."""',
    '    if prefix + "_mean" in METADATA:',
    '        return float(METADATA[prefix + "_mean"]), float(METADATA[prefix + "_std"])',
    '    return 0.0, 1.0',
    '',
    'VALUE_MEAN, VALUE_STD = normalisation("normalisation")  # the held-out metric is in these z-scores',
    'CHANGE_MEAN, CHANGE_STD = normalisation("change_normalisation")',
    `RMSE_METRIC = ${data.rmseMetric ? pyString(data.rmseMetric) : 'None'}  # the RMSE in the series' own units, where it has them`,
    '',
    `WINDOWS = np.array(${float32List(data.windows)}, dtype=np.float32).reshape(${data.batch}, ${data.steps})`,
    '# the value after each window, and the last value before it, in the series\' units',
    `TRUTH_IN_UNITS = np.array(${float32List(data.truth)}, dtype=np.float32)`,
    `LAST_VALUE = np.array(${float32List(data.lastValue)}, dtype=np.float32)`,
    ...(data.seasonalNaive ? ['# seasonal naive with drift: the value a season before plus the change over the last season', `SEASONAL_NAIVE = np.array(${float32List(data.seasonalNaive)}, dtype=np.float32)`] : []),
    '',
    'X_HELD_OUT = WINDOWS[:, :, None]  # (batch, time, 1 feature)',
    '',
    'def in_metric_units(values):',
    '    return ((values.astype(np.float64) - VALUE_MEAN) / VALUE_STD).astype(np.float32)',
    '',
    'def forecast_in_units(outputs):',
    '    """The forecast from the network\'s last-step outputs: a change added to the last value, or a value."""',
    '    if READS == "changes":',
    '        change = (outputs.astype(np.float64) * CHANGE_STD + CHANGE_MEAN).astype(np.float32)',
    '        return (LAST_VALUE.astype(np.float64) + change).astype(np.float32)',
    '    return (outputs.astype(np.float64) * VALUE_STD + VALUE_MEAN).astype(np.float32)',
    '',
    'TRUTH = in_metric_units(TRUTH_IN_UNITS)',
    '',
    'def mse(forecast):',
    '    return float(np.mean((forecast.astype(np.float64) - TRUTH.astype(np.float64)) ** 2))',
    '',
    'BASELINES = {"persistence": mse(in_metric_units(LAST_VALUE))}',
    ...(data.seasonalNaive ? ['BASELINES["seasonalNaive"] = mse(in_metric_units(SEASONAL_NAIVE))'] : []),
    'print(f"{len(X_HELD_OUT)} held-out windows of {X_HELD_OUT.shape[1]} steps; baselines (MSE):", BASELINES)',
  ].join('\n');
}

/** `evaluate(model)`: the held-out metrics of the model, in the app's units and under the CLI's names. */
export function forecastEvaluate(): string {
  return [
    'def evaluate(model):',
    '    model.eval()',
    '    with torch.no_grad():',
    '        y, _ = model(torch.from_numpy(X_HELD_OUT))',
    '    outputs = y.numpy().reshape(len(X_HELD_OUT), -1)[:, -1]  # the last step\'s prediction is the forecast',
    '    error = mse(in_metric_units(forecast_in_units(outputs)))',
    '    scores = {"mse": error}',
    '    if RMSE_METRIC:',
    '        scores[RMSE_METRIC] = math.sqrt(error) * VALUE_STD',
    '    scores["skillVsPersistence"] = 1 - error / BASELINES["persistence"]',
    '    if "seasonalNaive" in BASELINES:',
    '        scores["skillVsSeasonalNaive"] = 1 - error / BASELINES["seasonalNaive"]',
    '    return scores',
  ].join('\n');
}

/** The training loss: MSE against the next value(s), as the app trains. */
export function forecastTrainingLoss(): string {
  return ['def training_loss(model, x, y):', '    prediction, _ = model(x)', '    return F.mse_loss(prediction, y)'].join('\n');
}
