// The capacity screen's staff imports (ADR 0024): a surgeon roster and a session plan as CSV, each
// all or nothing, every rejected row listed with its column and the server's reason.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api.ts';
import { useAsync } from '../lib/async.ts';
import { useI18n, type MsgKey } from '../lib/i18n.ts';
import { Tip } from '../components/Tip.tsx';
import { ImportErrors, type ImportFailure } from '../components/ImportErrors.tsx';

interface SurgeonResult {
  received: number;
  new: number;
  changed: number;
  unchanged: number;
}
interface SessionResult {
  received: number;
  hospitals: { hospitalId: string; from: string; to: string; deleted: number; inserted: number }[];
}

const message = (e: unknown): string => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

function CsvImport<R>(props: {
  id: string;
  title: MsgKey;
  help: MsgKey;
  submit: MsgKey;
  path: string;
  done: (r: R) => string;
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<R | undefined>();
  const [failed, setFailed] = useState<ImportFailure | undefined>();
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).querySelector('input[type=file]') as HTMLInputElement;
    const file = input.files?.[0];
    if (file === undefined) return;
    setBusy(true);
    setDone(undefined);
    setFailed(undefined);
    try {
      setDone(
        await api<R>(props.path, {
          method: 'POST',
          raw: { contentType: 'text/csv', text: await file.text() },
        }),
      );
      props.onDone?.();
    } catch (err) {
      setFailed({ detail: message(err), errors: err instanceof ApiError ? err.errors : [] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby={props.id} class="card" data-testid={props.id}>
      <h2 id={props.id}>
        {t(props.title)} <Tip text={t(props.help)} />
      </h2>
      <form class="toolbar" onSubmit={(e) => void submit(e)}>
        <label>
          {t('staff.file')}{' '}
          <input type="file" accept=".csv,text/csv" required data-testid={`${props.id}-file`} />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('staff.busy') : t(props.submit)}
        </button>
      </form>
      {done !== undefined && (
        <p role="status" class="ok" data-testid={`${props.id}-done`}>
          {props.done(done)}
        </p>
      )}
      {failed !== undefined && <ImportErrors failed={failed} testId={`${props.id}-errors`} />}
    </section>
  );
}

/** What the hospital has now: its surgeons (visitors included) and its sessions from a date on. */
function StaffSummary({ hospitalId, from, version }: { hospitalId: string; from: string; version: number }) {
  const { t, num, date } = useI18n();
  const id = encodeURIComponent(hospitalId);
  const data = useAsync(async () => {
    const [surgeons, sessions] = await Promise.all([
      api<{ homeHospitalId: string }[]>(`/api/hospitals/${id}/surgeons`),
      api<{ allocation: { kind: string } }[]>(`/api/hospitals/${id}/sessions?from=${from}`),
    ]);
    const kinds = (k: string): number => sessions.filter((x) => x.allocation.kind === k).length;
    return {
      surgeons: surgeons.filter((x) => x.homeHospitalId === hospitalId).length,
      visiting: surgeons.filter((x) => x.homeHospitalId !== hospitalId).length,
      sessions: sessions.length,
      specialty: kinds('specialty'),
      surgeon: kinds('surgeon'),
      open: kinds('open'),
    };
  }, [hospitalId, from, version]);
  if (data.data === undefined) return null;
  const d = data.data;
  return (
    <p class="small" data-testid="staff-summary">
      {t('staff.summary.surgeons', { n: num(d.surgeons), visiting: num(d.visiting) })}{' '}
      {t('staff.summary.sessions', {
        from: date(from),
        n: num(d.sessions),
        specialty: num(d.specialty),
        surgeon: num(d.surgeon),
        open: num(d.open),
      })}
    </p>
  );
}

/** Both staff imports and a summary; shown to planners and to a coordinator for their own hospital. */
export function StaffImports({ hospitalId, from }: { hospitalId: string; from: string }) {
  const { t, num, date } = useI18n();
  const [version, setVersion] = useState(0);
  const bump = (): void => setVersion((v) => v + 1);
  return (
    <>
      <StaffSummary hospitalId={hospitalId} from={from} version={version} />
      <div class="cap-grid">
        <CsvImport<SurgeonResult>
          id="staff-surgeons"
          title="staff.surgeons"
          help="staff.surgeons.help"
          submit="staff.surgeons.submit"
          path="/api/surgeons/import"
          onDone={bump}
          done={(r) =>
            t('staff.surgeons.done', {
              received: num(r.received),
              new: num(r.new),
              changed: num(r.changed),
              unchanged: num(r.unchanged),
            })
          }
        />
        <CsvImport<SessionResult>
          id="staff-sessions"
          title="staff.sessions"
          help="staff.sessions.help"
          submit="staff.sessions.submit"
          path="/api/sessions/import"
          onDone={bump}
          done={(r) =>
            t('staff.sessions.done', {
              received: num(r.received),
              from: r.hospitals[0] === undefined ? '–' : date(r.hospitals[0].from),
              to: r.hospitals[0] === undefined ? '–' : date(r.hospitals[0].to),
              deleted: num(r.hospitals.reduce((n, h) => n + h.deleted, 0)),
            })
          }
        />
      </div>
    </>
  );
}
