// Renders only the rows in view (plus a margin): a 20,000-row list costs a few dozen DOM nodes.
// The container is keyboard-scrollable (arrows, Page Up/Down, Home, End).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps {
  total: number;
  rowHeight: number;
  height: number;
  overscan?: number;
  label: string;
  header: ComponentChildren;
  row: (index: number) => ComponentChildren;
  onRange?: (start: number, end: number) => void;
  testId?: string;
}

export function VirtualList(p: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const overscan = p.overscan ?? 8;
  const start = Math.max(0, Math.floor(top / p.rowHeight) - overscan);
  const end = Math.min(p.total, Math.ceil((top + p.height) / p.rowHeight) + overscan);
  useEffect(() => {
    p.onRange?.(start, end);
  }, [start, end, p.total]);
  useEffect(() => {
    // A new filter: back to the top.
    if (ref.current !== null && ref.current.scrollTop > p.total * p.rowHeight) ref.current.scrollTop = 0;
  }, [p.total]);
  const onKey = (e: KeyboardEvent): void => {
    const el = ref.current;
    if (el === null) return;
    const page = p.height - p.rowHeight;
    const moves: Record<string, number> = {
      ArrowDown: p.rowHeight,
      ArrowUp: -p.rowHeight,
      PageDown: page,
      PageUp: -page,
      Home: -1e12,
      End: 1e12,
    };
    const d = moves[e.key];
    if (d === undefined) return;
    e.preventDefault();
    el.scrollTop = Math.max(0, Math.min(el.scrollHeight, el.scrollTop + d));
  };
  const rows: ComponentChildren[] = [];
  for (let i = start; i < end; i++) {
    rows.push(
      <div
        key={i}
        role="row"
        aria-rowindex={i + 2}
        class="vrow"
        style={{ transform: `translateY(${i * p.rowHeight}px)`, height: `${p.rowHeight}px` }}
      >
        {p.row(i)}
      </div>,
    );
  }
  return (
    <div role="table" aria-label={p.label} aria-rowcount={p.total + 1} class="vtable" data-testid={p.testId}>
      <div role="rowgroup" class="vhead">
        <div role="row" aria-rowindex={1} class="vrow vrow-head">
          {p.header}
        </div>
      </div>
      <div
        ref={ref}
        role="rowgroup"
        class="vbody"
        tabIndex={0}
        style={{ height: `${p.height}px` }}
        onScroll={(e) => setTop((e.currentTarget as HTMLDivElement).scrollTop)}
        onKeyDown={onKey}
      >
        <div style={{ height: `${p.total * p.rowHeight}px`, position: 'relative' }}>{rows}</div>
      </div>
    </div>
  );
}
