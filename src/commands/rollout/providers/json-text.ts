/** JSON files the providers edit: parse errors name the file, output is the shape people diff. */
import { UserError } from '../../../errors';

export function parseJsonFile(text: string, where: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`${where} is not valid JSON: ${(error as Error).message}`, { file });
  }
}

/** 2-space indentation and a final newline, as editors and formatters leave JSON. */
export function formatJsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The parsed body, or undefined when it is not JSON: for answers that may or may not be. */
export function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
