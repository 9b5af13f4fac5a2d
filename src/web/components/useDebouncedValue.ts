import { useEffect, useRef, useState } from 'react';

/**
 * A text input bound to a committed value (e.g. a URL parameter): typing updates the input at once
 * and commits after `delay` ms of quiet; a committed value changed elsewhere (back button) shows up.
 */
export function useDebouncedInput(committed: string, commit: (value: string) => void, delay = 300) {
  const [text, setText] = useState(committed);
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  });
  useEffect(() => {
    setText((prev) => (prev.trim() === committed ? prev : committed));
  }, [committed]);
  useEffect(() => {
    if (text.trim() === committed) return;
    const id = setTimeout(() => commitRef.current(text.trim()), delay);
    return () => clearTimeout(id);
  }, [text, committed, delay]);
  return [text, setText] as const;
}
