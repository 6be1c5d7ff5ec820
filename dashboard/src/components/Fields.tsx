// Date, week and number fields that follow the app's language, not the browser's: a native
// <input type="date|week|number"> shows its placeholder, calendar and decimal sign in the browser's
// language (an English "mm/dd/yyyy" inside a Swedish screen). These are text inputs with `lang`,
// a placeholder and a hint in the app's language, parse what is typed (lib/fieldParse.ts), say
// when it cannot be read (aria-invalid and a message), and change the value with arrow up/down.
// They report ISO values ("2026-03-02", "2026-W11") and numbers as plain strings ("1.5"), as the
// native inputs did, so forms keep their own handling.
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../lib/i18n.ts';
import { addDays, parseDate, parseNumber, parseWeek, showNumber } from '../lib/fieldParse.ts';

interface Common {
  /** The parsed value: ISO text, or "" when empty or unreadable. */
  value: string;
  onValue: (v: string) => void;
  id?: string;
  name?: string;
  required?: boolean;
  disabled?: boolean;
  class?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}

function useText(value: string, show: (v: string) => string, parse: (t: string) => string | undefined) {
  const [text, setText] = useState(() => show(value));
  // A value set from outside (a reset, another language) replaces what is shown.
  useEffect(() => {
    if (parse(text) !== value) setText(show(value));
  }, [value, show(value)]);
  return [text, setText] as const;
}

function Field(
  props: Common & {
    text: string;
    invalid: string | undefined;
    placeholder?: string;
    hint: string;
    inputMode: 'numeric' | 'decimal' | 'text';
    onText: (t: string) => void;
    onKey: (e: KeyboardEvent) => void;
  },
) {
  const { lang } = useI18n();
  const errId = props.id === undefined ? undefined : `${props.id}-err`;
  return (
    <>
      <input
        type="text"
        lang={lang}
        inputMode={props.inputMode}
        autoComplete="off"
        spellcheck={false}
        id={props.id}
        name={props.name}
        class={props.class}
        required={props.required}
        disabled={props.disabled}
        placeholder={props.placeholder}
        title={props.hint}
        aria-label={props['aria-label']}
        aria-invalid={props.invalid === undefined ? undefined : 'true'}
        aria-describedby={props.invalid === undefined ? undefined : errId}
        data-testid={props['data-testid']}
        value={props.text}
        onInput={(e) => props.onText(e.currentTarget.value)}
        onKeyDown={props.onKey}
      />
      {props.invalid !== undefined && (
        <span id={errId} class="error field-error" role="alert">
          {props.invalid}
        </span>
      )}
    </>
  );
}

/** A date in the app's language: ÅÅÅÅ-MM-DD in Swedish; arrow up/down moves a day. */
export function DateField(props: Common & { min?: string; max?: string }) {
  const { t } = useI18n();
  const show = (v: string): string => v;
  const parse = (x: string): string | undefined => parseDate(x);
  const [text, setText] = useText(props.value, show, parse);
  const parsed = parseDate(text);
  const outside =
    parsed !== undefined &&
    parsed !== '' &&
    ((props.min !== undefined && parsed < props.min) || (props.max !== undefined && parsed > props.max));
  return (
    <Field
      {...props}
      text={text}
      inputMode="numeric"
      placeholder={t('field.date.placeholder')}
      hint={t('field.date.hint')}
      invalid={parsed === undefined || outside ? t('field.date.invalid') : undefined}
      onText={(x) => {
        setText(x);
        props.onValue(parseDate(x) ?? '');
      }}
      onKey={(e) => {
        if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
        const cur = parseDate(text);
        if (cur === undefined || cur === '') return;
        e.preventDefault();
        const next = addDays(cur, e.key === 'ArrowUp' ? 1 : -1);
        if ((props.min !== undefined && next < props.min) || (props.max !== undefined && next > props.max))
          return;
        setText(next);
        props.onValue(next);
      }}
    />
  );
}

/** An ISO week ("2026-W11") typed as text. */
export function WeekField(props: Common) {
  const { t } = useI18n();
  const show = (v: string): string => v;
  const [text, setText] = useText(props.value, show, (x) => parseWeek(x));
  const parsed = parseWeek(text);
  return (
    <Field
      {...props}
      text={text}
      inputMode="text"
      placeholder={t('field.week.placeholder')}
      hint={t('field.week.invalid')}
      invalid={parsed === undefined ? t('field.week.invalid') : undefined}
      onText={(x) => {
        setText(x);
        props.onValue(parseWeek(x) ?? '');
      }}
      onKey={() => undefined}
    />
  );
}

/** A number in the app's language ("1,5" in Swedish); arrow up/down steps within min–max. */
export function NumberField(
  props: Common & { min?: number; max?: number; step?: number; placeholder?: string },
) {
  const { t, lang } = useI18n();
  const show = (v: string): string =>
    v === '' || !Number.isFinite(Number(v)) ? v : showNumber(Number(v), lang);
  const parse = (x: string): string | undefined => {
    const n = parseNumber(x, lang);
    return n === undefined ? undefined : n === null ? '' : String(n);
  };
  const [text, setText] = useText(props.value, show, parse);
  const n = parseNumber(text, lang);
  const outside =
    typeof n === 'number' &&
    ((props.min !== undefined && n < props.min) || (props.max !== undefined && n > props.max));
  const example = showNumber(props.step !== undefined && props.step < 1 ? 1.5 : 2, lang);
  const range =
    props.min !== undefined && props.max !== undefined
      ? ` ${t('field.number.range', { min: showNumber(props.min, lang), max: showNumber(props.max, lang) })}`
      : '';
  return (
    <Field
      {...props}
      text={text}
      inputMode={props.step !== undefined && props.step < 1 ? 'decimal' : 'numeric'}
      {...(props.placeholder === undefined ? {} : { placeholder: props.placeholder })}
      hint={`${t('field.number.hint')}${range}`}
      invalid={n === undefined || outside ? `${t('field.number.invalid', { example })}${range}` : undefined}
      onText={(x) => {
        setText(x);
        props.onValue(parse(x) ?? '');
      }}
      onKey={(e) => {
        if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
        const cur = parseNumber(text, lang);
        if (cur === undefined) return;
        e.preventDefault();
        const step = props.step ?? 1;
        let next = (cur ?? 0) + (e.key === 'ArrowUp' ? step : -step);
        next = Math.round(next / step) * step;
        next = Number(next.toFixed(6));
        if (props.min !== undefined) next = Math.max(props.min, next);
        if (props.max !== undefined) next = Math.min(props.max, next);
        setText(showNumber(next, lang));
        props.onValue(String(next));
      }}
    />
  );
}

/**
 * A file picker whose button and "no file chosen" text are in the app's language (the native
 * control words them in the browser's). The native input stays in the tab order, visually hidden;
 * Enter or Space opens the browser's file dialog as before.
 */
export function FileField(props: {
  accept: string;
  required?: boolean;
  name?: string;
  'data-testid'?: string;
  onFile?: (f: File | undefined) => void;
  /** The input's own change event (for handlers that read and reset the input). */
  onChange?: (e: Event) => void;
}) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string | undefined>();
  return (
    <span class="file-field">
      <input
        type="file"
        class="sr-only"
        accept={props.accept}
        required={props.required}
        name={props.name}
        data-testid={props['data-testid']}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          setChosen(f?.name);
          props.onFile?.(f);
          props.onChange?.(e);
        }}
      />
      <span class="button" aria-hidden="true">
        {t('field.file.choose')}
      </span>{' '}
      <span class="muted">{chosen ?? t('field.file.none')}</span>
    </span>
  );
}
