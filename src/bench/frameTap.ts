/**
 * A script installed before the app's scripts (Playwright's addInitScript) that sees every telemetry frame the page
 * receives, before the store rounds it for display. Frames reach the page through the Comlink port of the
 * subscribe() callback, as the first argument of an APPLY message, so a second listener on each MessagePort sees
 * exactly what the store is given. The bench's time-to-target rows and the reload e2e both read frames this way.
 */

/**
 * The script's text: `setup` runs first (declare what `onFrame` keeps), then `onFrame` runs for each frame with
 * `frame` (the TelemetryFrame: runId, step, losses, state, metrics, …) in scope, then `after` (listeners of its own).
 */
export function frameTapScript({ setup = '', onFrame, after = '' }: { setup?: string; onFrame: string; after?: string }): string {
  return `(() => {
  ${setup}
  const observe = (event) => {
    const data = event.data;
    const frame = data && data.type === 'APPLY' && Array.isArray(data.argumentList) ? data.argumentList[0] && data.argumentList[0].value : undefined;
    if (!frame || typeof frame.runId !== 'number' || typeof frame.step !== 'number' || !('losses' in frame)) return;
    ${onFrame}
  };
  const watched = new WeakSet();
  const add = MessagePort.prototype.addEventListener;
  MessagePort.prototype.addEventListener = function (type, listener, options) {
    if (type === 'message' && !watched.has(this)) {
      watched.add(this);
      add.call(this, 'message', observe);
    }
    return add.call(this, type, listener, options);
  };
  ${after}
})()`;
}
