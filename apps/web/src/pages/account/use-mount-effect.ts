import { useEffect, useRef } from 'react';

/** Runs `effect` once per mounted component, also under StrictMode's double mount (it must not draw two secrets). */
export function useMountEffect(effect: () => void): void {
  const ran = useRef(false);
  useEffect(() => {
    if (ran.current) return;
    ran.current = true;
    effect();
  }, []);
}
