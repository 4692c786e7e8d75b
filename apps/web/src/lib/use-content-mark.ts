import { useEffect } from 'react';

/**
 * Marks the moment a page's real content (not a spinner or skeleton) is on screen, once per page load:
 * `npm run bench:web` reads `performance.mark('rsm:<name>-content')` to measure "content visible".
 */
export function useContentMark(name: string, visible: boolean): void {
  useEffect(() => {
    const mark = `rsm:${name}-content`;
    if (visible && performance.getEntriesByName(mark).length === 0) performance.mark(mark);
  }, [name, visible]);
}
