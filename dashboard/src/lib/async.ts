// Load data for a view: state for loading / error / data, a reload for live events, and no stale
// answer overwriting a newer one (each call carries a sequence number).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Async<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
  /** Change the loaded data in place (a delta from the server), without fetching it again. */
  mutate: (f: (data: T) => T) => void;
}

export function useAsync<T>(fn: () => Promise<T>, deps: readonly unknown[]): Async<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const run = useCallback(() => {
    const n = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    fnRef.current().then(
      (data) => {
        if (n === seq.current) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (n === seq.current)
          setState((s) => ({
            data: s.data,
            error: error instanceof Error ? error : new Error(String(error)),
            loading: false,
          }));
      },
    );
  }, []);
  useEffect(run, deps);
  const mutate = useCallback((f: (data: T) => T) => {
    setState((s) => (s.data === undefined ? s : { ...s, data: f(s.data) }));
  }, []);
  return { ...state, reload: run, mutate };
}
