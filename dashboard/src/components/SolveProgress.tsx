// A live progress bar for a running solve, fed by `solve.progress` (phase, gap). The phases seen
// stay listed after the solve, so the user (and the e2e test) can tell what happened.
import { useState } from 'preact/hooks';
import { useI18n, type MsgKey } from '../lib/i18n.ts';
import { useLive } from '../lib/live.ts';
import type { SolveProgress as Progress } from '../lib/types.ts';
import { planLabel } from '../lib/weeks.ts';

export const PHASES = ['build', 'aggregate', 'construct', 'improve', 'check', 'baseline', 'done'] as const;

export function phaseLabel(t: (k: MsgKey) => string, phase: string): string {
  return (PHASES as readonly string[]).includes(phase) || phase === 'queued'
    ? t(`phase.${phase}` as MsgKey)
    : phase;
}

export function SolveProgress({
  planId,
  plan: named,
  onEnd,
}: {
  planId: number;
  /** Week and version when the caller knows them (the result's event says them too). */
  plan?: { week: string; version: number } | undefined;
  onEnd?: (ok: boolean, payload: Record<string, unknown>) => void;
}) {
  const i = useI18n();
  const { t, pct } = i;
  const [last, setLast] = useState<Progress | undefined>();
  const [seen, setSeen] = useState<string[]>([]);
  const [ended, setEnded] = useState<{ ok: boolean; payload: Record<string, unknown> } | undefined>();
  useLive(['solve.progress', 'plan.solved', 'plan.failed'], (name, p) => {
    if (p.planId !== planId) return;
    if (name === 'solve.progress') {
      const pr = p as unknown as Progress;
      setLast(pr);
      setSeen((s) => (s.at(-1) === pr.phase ? s : [...s, pr.phase]));
      return;
    }
    const e = { ok: name === 'plan.solved', payload: p };
    setEnded(e);
    if (name === 'plan.solved') setSeen((s) => (s.includes('done') ? s : [...s, 'done']));
    onEnd?.(e.ok, p);
  });
  const phase = ended?.ok === true ? 'done' : (last?.phase ?? 'queued');
  const idx = Math.max(0, (PHASES as readonly string[]).indexOf(phase));
  const value = ended?.ok === true ? PHASES.length : idx + (last === undefined ? 0 : 0.5);
  const plan = planLabel(i, ended?.payload ?? named);
  const gap = typeof ended?.payload.gap === 'number' ? ended.payload.gap : last?.gap;
  return (
    <div class="solve-progress" data-testid="solve-progress" data-phase={phase} aria-live="polite">
      <p>
        <strong>
          {ended === undefined ? t('plan.progress', { plan }) : t('plan.progressDone', { plan })}
        </strong>{' '}
        – {t('plan.phase', { phase: phaseLabel(t, phase) })}
        {gap !== undefined && ` · ${t('plan.gapNow', { gap: pct(gap, 2) })}`}
      </p>
      <progress
        max={PHASES.length}
        value={value}
        aria-label={t('plan.phase', { phase: phaseLabel(t, phase) })}
      />
      <p class="muted small" data-testid="phases-seen">
        {t('plan.phasesSeen', {
          phases: seen.map((s) => phaseLabel(t, s)).join(' → ') || phaseLabel(t, 'queued'),
        })}
      </p>
      {ended !== undefined && ended.ok && (
        <p class="ok" role="status" data-testid="solve-result">
          {t('plan.solved', {
            plan,
            status: t(`solveStatus.${String(ended.payload.status)}` as MsgKey),
            gap: pct(Number(ended.payload.gap ?? 0), 2),
            treated: String(ended.payload.patientsTreated ?? '–'),
          })}
        </p>
      )}
      {ended !== undefined && !ended.ok && (
        <p class="error" role="alert">
          {t('plan.failedMsg', { msg: String(ended.payload.error ?? '') })}
        </p>
      )}
    </div>
  );
}
