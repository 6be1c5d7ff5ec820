// Minimal RFC 4180 CSV: parse (quoted fields, doubled quotes, CRLF/LF, a BOM) and write.

export interface CsvParse {
  header: string[];
  /** Data records; `line` is the 1-based physical line where the record starts. */
  records: { line: number; values: string[] }[];
  /** Structural problems (unterminated quote); the caller reports them with the line. */
  errors: { line: number; message: string }[];
}

export function parseCsv(text: string): CsvParse {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: { line: number; values: string[] }[] = [];
  const errors: { line: number; message: string }[] = [];
  let field = '';
  let row: string[] = [];
  let line = 1;
  let rowLine = 1;
  let inQuotes = false;
  let i = 0;
  const endRow = (): void => {
    row.push(field);
    field = '';
    // Skip blank lines (a single empty field).
    if (!(row.length === 1 && row[0] === '')) rows.push({ line: rowLine, values: row });
    row = [];
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      if (c === '\n') line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      i += 1;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && src[i + 1] === '\n') {
      endRow();
      line += 1;
      rowLine = line;
      i += 2;
    } else if (c === '\n' || c === '\r') {
      endRow();
      line += 1;
      rowLine = line;
      i += 1;
    } else {
      field += c;
      i += 1;
    }
  }
  if (inQuotes) errors.push({ line: rowLine, message: 'unterminated quoted field' });
  if (field !== '' || row.length > 0) endRow();
  const [head, ...records] = rows;
  return { header: (head?.values ?? []).map((h) => h.trim()), records, errors };
}

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote when needed; a leading = + - @ is prefixed so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
