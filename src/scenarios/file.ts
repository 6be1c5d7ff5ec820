// Scenario files: one JSON document, validated on read (errors name the field), written in a fixed
// layout (the schema's key order, two-space indent, final newline) so a round trip gives the same bytes.
import { readFile, writeFile } from 'node:fs/promises';
import { ValidationError } from '../errors.ts';
import { parseScenario, type Scenario } from './model.ts';

export function scenarioToJson(scenario: Scenario): string {
  return `${JSON.stringify(parseScenario(scenario), null, 2)}\n`;
}

export function scenarioFromJson(text: string, source = 'scenario'): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = `not valid JSON (${(e as Error).message})`;
    throw new ValidationError(`${source}: ${message}`, [{ field: source, message }]);
  }
  return parseScenario(json);
}

export async function readScenarioFile(path: string, flag = '--scenario'): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const message = `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new ValidationError(`${flag}: ${message}`, [{ field: flag, message }]);
  }
  return scenarioFromJson(text, flag);
}

export async function writeScenarioFile(path: string, scenario: Scenario): Promise<void> {
  await writeFile(path, scenarioToJson(scenario), 'utf8');
}
