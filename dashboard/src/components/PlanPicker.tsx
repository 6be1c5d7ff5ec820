// Choose the plan every view shows; "following latest" switches by itself when a solve finishes.
import { useI18n } from '../lib/i18n.ts';
import { pickedPlanId } from '../lib/plans.ts';
import { useStore } from '../lib/store.ts';
import type { PlanMeta } from '../lib/types.ts';
import { weekLabel } from '../lib/weeks.ts';

export function PlanPicker({ plans, current }: { plans: PlanMeta[]; current: number | undefined }) {
  const i = useI18n();
  const { t } = i;
  const picked = useStore(pickedPlanId);
  const label = (p: PlanMeta) =>
    t('plan.option', { week: weekLabel(i, p.week), version: p.version, status: t(`planStatus.${p.status}`) });
  const latest = plans.find((p) => p.id === current);
  return (
    <label class="plan-picker">
      <span>{t('plan.label')}</span>
      <select
        value={picked === null ? '' : String(picked)}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          pickedPlanId.set(v === '' ? null : Number(v));
        }}
      >
        <option value="">
          {latest === undefined ? t('plan.none') : `${label(latest)} (${t('plan.latest')})`}
        </option>
        {plans.map((p) => (
          <option key={p.id} value={String(p.id)}>
            {label(p)}
          </option>
        ))}
      </select>
    </label>
  );
}
