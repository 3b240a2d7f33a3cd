/**
 * The worker's side of its failures: it tells the page (shared/workerSignals.ts) of any error that escapes it,
 * of a command's failure that leaves it unfit to go on, and of a message it could not read, and it beats once a
 * second while its event loop turns. The page then replaces it (state/workerRecovery.ts).
 */
import { HEARTBEAT_INTERVAL_MS, isFatal, troubleOf, type WorkerSignal, type WorkerTrouble } from '../shared/workerSignals';

/** The parts of the worker's global scope the report uses (a stand-in in Node tests). */
export interface ReportScope {
  addEventListener(type: string, listener: (event: Event) => void): void;
  postMessage(message: WorkerSignal): void;
}

/** Reports the worker's trouble to the page: the first only, since the page replaces the worker after it. */
export class TroubleReport {
  private reported = false;

  /** `contextLost` says whether the WebGL context is gone: an error then is the lost GPU's doing. */
  constructor(
    private readonly scope: ReportScope,
    private readonly contextLost: () => boolean = () => false,
  ) {}

  /** Listens for uncaught errors, unhandled rejections (a failed training loop) and unreadable messages; beats. */
  listen(every: (beat: () => void, ms: number) => unknown = setInterval): void {
    this.scope.addEventListener('error', (event) => this.reportError((event as ErrorEvent).error ?? (event as ErrorEvent).message));
    this.scope.addEventListener('unhandledrejection', (event) => this.reportError((event as PromiseRejectionEvent).reason));
    this.scope.addEventListener('messageerror', () => this.report({ kind: 'unreadable-message', detail: 'a message between the page and the trainer could not be read' }));
    every(() => this.scope.postMessage({ unrolledSignal: 'beat' }), HEARTBEAT_INTERVAL_MS);
  }

  /** Sends `trouble` to the page, unless trouble was reported already. */
  report(trouble: WorkerTrouble): void {
    if (this.reported) return;
    this.reported = true;
    this.scope.postMessage({ unrolledSignal: 'trouble', trouble });
  }

  /** Reports a thrown value as a crash, or as the lost GPU when the WebGL context is gone. */
  reportError(error: unknown): void {
    const trouble = troubleOf(error);
    this.report(this.contextLost() ? { kind: 'gpu-lost', detail: 'the WebGL context was lost' } : trouble);
  }

  /**
   * The service with every command's fatal failure (a WebAssembly trap, out of memory, a lost context; see
   * isFatal) reported as well; the command still rejects with its error, as before.
   */
  guard<Service extends object>(service: Service): Service {
    const guarded: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(service)) {
      if (typeof member !== 'function') {
        guarded[name] = member;
        continue;
      }
      guarded[name] = (...args: unknown[]) => {
        const failed = (error: unknown): never => {
          if (isFatal(error) || this.contextLost()) this.reportError(error);
          throw error;
        };
        try {
          const result: unknown = member.apply(service, args);
          return result instanceof Promise ? result.catch(failed) : result;
        } catch (error) {
          return failed(error);
        }
      };
    }
    return guarded as Service;
  }
}
