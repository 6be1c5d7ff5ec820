import type { ComponentChildren } from 'preact';
import { Tip } from './Tip.tsx';

export function Kpi(props: {
  label: string;
  def: string;
  value: ComponentChildren;
  sub?: ComponentChildren;
  tone?: 'good' | 'bad' | undefined;
  testId?: string;
}) {
  return (
    <div class={`kpi${props.tone ? ` kpi-${props.tone}` : ''}`} data-testid={props.testId}>
      <dt>
        {props.label} <Tip text={props.def} />
      </dt>
      <dd class="kpi-value">{props.value}</dd>
      {props.sub !== undefined && <dd class="kpi-sub">{props.sub}</dd>}
    </div>
  );
}
