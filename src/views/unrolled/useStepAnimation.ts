/** When the Step animation plays: for one pass after each change of its key, never on the first render. */
import { useEffect, useState } from 'react';
import { PASS_MS } from './stepAnimationTiming';

/** The key of the pass now playing (key the overlay on it, so that its CSS animations restart), or undefined. */
export function useStepAnimation(animateKey: number | undefined): number | undefined {
  const [initialKey] = useState(animateKey);
  const [playing, setPlaying] = useState<number>();
  useEffect(() => {
    if (animateKey === undefined || animateKey === initialKey) return;
    setPlaying(animateKey);
    const timer = setTimeout(() => setPlaying(undefined), PASS_MS);
    return () => clearTimeout(timer);
  }, [animateKey, initialKey]);
  return playing;
}
