/** How the store words what it tells the learner: a thrown error, the outcome of a file action, a file's size. */

/** A line for the learner about the last file action (an export, an import, an upload) and how it went. */
export interface Outcome {
  kind: 'error' | 'success';
  text: string;
}

/** The sentence a thrown value carries: an Error's message, anything else as text (a worker may throw a string). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A message as a sentence: a full stop added when it ends without one ("no text" → "no text."). */
export function sentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…)"”]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** An outcome that went wrong, to show as an alert. */
export function failure(text: string): Outcome {
  return { kind: 'error', text };
}

/** An outcome that went well. */
export function success(text: string): Outcome {
  return { kind: 'success', text };
}

/** A size in MB for a message, e.g. "12.3" (1 MB = 1024 × 1024 bytes). */
export function megabytes(bytes: number, digits = 1): string {
  return (bytes / (1024 * 1024)).toFixed(digits);
}
