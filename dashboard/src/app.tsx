// The shell: login, role-aware navigation, the plan picker, language switch and the live-feed
// state; each view below it refetches on the live events that concern it.
import { useEffect, useState } from 'preact/hooks';
import { lang, useI18n, type MsgKey } from './lib/i18n.ts';
import { lastEvent, liveState } from './lib/live.ts';
import { usePlan, usePlanList, useCurrentPlanId } from './lib/plans.ts';
import { logout, session } from './lib/session.ts';
import { useStore } from './lib/store.ts';
import { hospitalName, useReference } from './lib/reference.ts';
import type { Role } from './lib/types.ts';
import { planLabel } from './lib/weeks.ts';
import { PlanPicker } from './components/PlanPicker.tsx';
import { Login } from './views/Login.tsx';
import { Overview } from './views/Overview.tsx';
import { Redistribution } from './views/Redistribution.tsx';
import { HospitalWeek } from './views/HospitalWeek.tsx';
import { PlanEdit } from './views/PlanEdit.tsx';
import { WaitingList } from './views/WaitingList.tsx';
// ---- capacity screens and audit log (dashboard issue, items 6 and 9)
import { Capacity } from './views/Capacity.tsx';
import { Audit } from './views/Audit.tsx';
import { Users } from './views/Users.tsx';
import { Scenarios } from './views/Scenarios.tsx';

type ViewId =
  | 'overview'
  | 'redistribution'
  | 'hospital'
  | 'plan'
  | 'waiting'
  | 'capacity'
  | 'audit'
  | 'users'
  | 'scenarios';

/** Views per role. What-if scenarios (analysts, planners) get their own entry with their issue. */
const NAV: { id: ViewId; label: MsgKey; roles: readonly Role[] }[] = [
  { id: 'overview', label: 'nav.overview', roles: ['planner', 'analyst', 'admin'] },
  { id: 'redistribution', label: 'nav.redistribution', roles: ['planner', 'analyst', 'admin'] },
  { id: 'hospital', label: 'nav.hospital', roles: ['planner', 'coordinator', 'admin'] },
  { id: 'plan', label: 'nav.plan', roles: ['planner'] },
  { id: 'waiting', label: 'nav.waiting', roles: ['planner', 'coordinator', 'admin'] },
  // ---- capacity screens and audit log
  { id: 'capacity', label: 'nav.capacity', roles: ['planner', 'coordinator'] },
  { id: 'audit', label: 'nav.audit', roles: ['admin'] },
  { id: 'users', label: 'nav.users', roles: ['admin'] },
  { id: 'scenarios', label: 'nav.scenarios', roles: ['analyst', 'planner'] },
];

function parseHash(): { view: string; arg: string | undefined } {
  const [view = '', arg] = location.hash.replace(/^#\/?/, '').split('/');
  return { view, arg: arg === undefined ? undefined : decodeURIComponent(arg) };
}

function useHash() {
  const [h, setH] = useState(parseHash());
  useEffect(() => {
    const on = () => setH(parseHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return h;
}

function LangSwitch() {
  const { t, lang: l } = useI18n();
  return (
    <button
      type="button"
      class="lang"
      lang={l === 'sv' ? 'en' : 'sv'}
      aria-label={t('lang.switchTo')}
      onClick={() => lang.set(l === 'sv' ? 'en' : 'sv')}
      data-testid="lang"
    >
      {t('lang.other')}
    </button>
  );
}

function LiveBadge() {
  const { t } = useI18n();
  const s = useStore(liveState);
  return (
    <span class={`live live-${s}`} role="status" title={t('live.help')} data-testid="live" data-state={s}>
      <span class="dot" aria-hidden="true" />
      {t(`live.${s}`)}
    </span>
  );
}

function LiveAnnouncer() {
  const i = useI18n();
  const { t } = i;
  const e = useStore(lastEvent);
  // Hospitals by name, never by id; the reference data is cached for the session.
  const ref = useReference();
  const hid = String(e?.payload.hospitalId ?? '');
  const hospital = ref.data === undefined ? '' : hospitalName(ref.data, hid);
  const text =
    e === null
      ? ''
      : t(`live.event.${e.name}` as MsgKey, {
          plan: planLabel(i, e.payload),
          status: e.payload.status === undefined ? '' : t(`planStatus.${String(e.payload.status)}` as MsgKey),
          hospital,
          decision:
            e.payload.decision === 'accept'
              ? t('hospital.decision.accept')
              : e.payload.decision === 'reject'
                ? t('hospital.reject')
                : '',
        });
  return (
    <div class="announcer" aria-live="polite" data-testid="announcer">
      {text}
    </div>
  );
}

export function App() {
  const s = useStore(session);
  const { t } = useI18n();
  if (s === null) {
    return (
      <>
        <header class="top">
          <span class="brand">{t('app.name')}</span>
          <span class="muted tagline">{t('app.tagline')}</span>
          <span class="spacer" />
          <LangSwitch />
        </header>
        <Login />
      </>
    );
  }
  return <Shell />;
}

function Shell() {
  const s = useStore(session)!;
  const { t } = useI18n();
  const { view, arg } = useHash();
  const role = s.user.role;
  const nav = NAV.filter((n) => n.roles.includes(role));
  const current = nav.find((n) => n.id === view) ?? nav[0];
  const plans = usePlanList();
  const planId = useCurrentPlanId(plans.data);
  // The whole plan (megabytes on a regional week) is fetched only once a view that shows it has
  // been opened: the overview, the audit log, users and scenarios read small summaries instead, and
  // the overview appears without waiting behind it.
  const [wantPlan, setWantPlan] = useState(false);
  const showsPlan =
    current !== undefined && !['overview', 'audit', 'users', 'scenarios'].includes(current.id);
  useEffect(() => {
    if (showsPlan) setWantPlan(true);
  }, [showsPlan]);
  const plan = usePlan(wantPlan || showsPlan ? planId : undefined);
  useEffect(() => {
    if (current !== undefined && view !== current.id) history.replaceState(null, '', `#/${current.id}`);
  }, [current?.id, view]);
  useEffect(() => {
    if (current !== undefined) document.title = `${t(current.label)} – opflow`;
  }, [current?.id, t]);

  const body = (() => {
    if (current === undefined) return <p>{role}</p>;
    switch (current.id) {
      case 'overview':
        return <Overview plans={plans.data ?? []} planId={planId} />;
      case 'redistribution':
        return <Redistribution plan={plan} pseudonymised={role === 'analyst'} />;
      case 'hospital':
        return (
          <HospitalWeek
            plan={plan}
            user={s.user}
            hospitalId={arg}
            onHospital={(id) => (location.hash = `#/hospital/${encodeURIComponent(id)}`)}
          />
        );
      case 'plan':
        return <PlanEdit plan={plan} plans={plans.data ?? []} />;
      case 'waiting':
        return <WaitingList user={s.user} plan={plan} />;
      // ---- capacity screens and audit log
      case 'capacity':
        return <Capacity user={s.user} plan={plan} />;
      case 'audit':
        return <Audit />;
      case 'users':
        return <Users />;
      case 'scenarios':
        return <Scenarios />;
    }
  })();

  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <span class="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.main')}>
          <ul>
            {nav.map((n) => (
              <li key={n.id}>
                <a
                  href={`#/${n.id}`}
                  aria-current={n.id === current?.id ? 'page' : undefined}
                  data-nav={n.id}
                >
                  {t(n.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="spacer" />
        <LiveBadge />
        <LangSwitch />
        <span class="user" data-testid="user">
          {s.user.displayName} · {t(`role.${role}`)}
        </span>
        <button type="button" onClick={logout}>
          {t('logout')}
        </button>
      </header>
      <div class="subbar no-print">
        {plans.data !== undefined && <PlanPicker plans={plans.data} current={planId} />}
        <LiveAnnouncer />
      </div>
      <main id="main" tabIndex={-1}>
        {body}
      </main>
    </>
  );
}
