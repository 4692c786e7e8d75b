import { useEffect, useState } from 'react';

/** `value` once it has stopped changing for `delay` ms (compared by content, not identity). */
export function useDebouncedValue<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(JSON.parse(key) as T), delay);
    return () => window.clearTimeout(timer);
  }, [key, delay]);
  return debounced;
}
