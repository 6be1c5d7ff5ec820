// One chart of the scenario workspace: per series the weekly mean as a line and its 95 % interval
// as a shaded band between two invisible lines (uPlot bands). The numbers are also in the data
// table below the charts, so nothing is only visual.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  mean: (number | null)[];
  lo: (number | null)[];
  hi: (number | null)[];
}

const COLOURS = ['#1f5fa8', '#c2571a', '#2e7d32', '#7b1fa2', '#00838f', '#ad1457', '#5d4037', '#455a64'];

export function ScenariosChart(props: {
  title: string;
  help: string;
  weeks: string[];
  series: ChartSeries[];
  format: (v: number) => string;
  /** Largest meaningful value (1 for shares): the band is cut there and at 0. */
  maxValue?: number;
  testId: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el === null || props.weeks.length === 0) return;
    const x = props.weeks.map((_, i) => i + 1);
    const data: (number | null)[][] = [x];
    const series: uPlot.Series[] = [{ label: 'x', value: (_u, v) => props.weeks[(v ?? 1) - 1] ?? '' }];
    const bands: uPlot.Band[] = [];
    props.series.forEach((s, i) => {
      const colour = COLOURS[i % COLOURS.length] as string;
      const at = data.length;
      data.push(s.mean, s.hi, s.lo);
      series.push(
        { label: s.label, stroke: colour, width: 2, value: (_u, v) => (v === null ? '–' : props.format(v)) },
        { label: `${s.label} (95 % hi)`, stroke: 'transparent', points: { show: false }, show: true },
        { label: `${s.label} (95 % lo)`, stroke: 'transparent', points: { show: false }, show: true },
      );
      bands.push({ series: [at + 1, at + 2], fill: `${colour}33` });
    });
    const width = Math.max(320, Math.min(760, el.clientWidth || 640));
    const plot = new uPlot(
      {
        width,
        height: 260,
        series,
        bands,
        legend: { show: true },
        scales: {
          x: { time: false },
          // Counts and shares are never negative: an interval reaching below 0 (few replications)
          // is cut at the axis rather than drawn into impossible values.
          y: {
            range: (_u, _min, max) => [0, Math.min(props.maxValue ?? Infinity, Math.max(max, 1e-9) * 1.05)],
          },
        },
        axes: [
          { values: (_u, ticks) => ticks.map((v) => props.weeks[v - 1]?.replace(/^\d{4}-/, '') ?? '') },
          { values: (_u, ticks) => ticks.map((v) => props.format(v)), size: 70 },
        ],
      },
      data as uPlot.AlignedData,
      el,
    );
    // The two band edges are drawn but not listed: the legend explains the band in words.
    el.querySelectorAll('.u-legend tr').forEach((tr, i) => {
      if (i > 0 && i % 3 !== 1) (tr as HTMLElement).style.display = 'none';
    });
    return () => plot.destroy();
  }, [props.weeks.join(','), JSON.stringify(props.series)]);
  return (
    <figure class="scen-chart" data-testid={props.testId}>
      <figcaption>
        <strong>{props.title}</strong> <span class="muted">{props.help}</span>
      </figcaption>
      <div ref={box} role="img" aria-label={props.title} />
    </figure>
  );
}
