/**
 * Just enough Gherkin to read the flagd testbed's fractional scenarios: each
 * Examples table with the tags above it and the steps of its Scenario Outline.
 */
export interface ExampleTable {
  scenario: string;
  steps: string[];
  tags: string[];
  rows: Record<string, string>[];
}

export function exampleTables(text: string): ExampleTable[] {
  const tables: ExampleTable[] = [];
  let scenario = '';
  let scenarioTags: string[] = [];
  let steps: string[] = [];
  let pendingTags: string[] = [];
  let current: ExampleTable | undefined;
  let header: string[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || line === '') continue;
    if (line.startsWith('@')) {
      pendingTags.push(...line.split(/\s+/));
      continue;
    }
    if (/^Scenario( Outline)?:/.test(line)) {
      scenario = line.replace(/^Scenario( Outline)?:\s*/, '');
      scenarioTags = pendingTags;
      pendingTags = [];
      steps = [];
      current = undefined;
      continue;
    }
    if (line.startsWith('Examples')) {
      current = { scenario, steps, tags: [...scenarioTags, ...pendingTags], rows: [] };
      tables.push(current);
      pendingTags = [];
      header = undefined;
      continue;
    }
    if (line.startsWith('|')) {
      const cells = line.slice(1, -1).split('|').map((c) => c.trim());
      if (!current) continue;
      if (!header) header = cells;
      else current.rows.push(Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
      continue;
    }
    if (/^(Given|And|When|Then)\b/.test(line)) {
      if (current) {
        // A plain Scenario after an outline: start a table-less one.
        current = undefined;
      }
      steps.push(line);
    }
  }
  return tables;
}
