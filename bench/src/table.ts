/** One printed result table: a Markdown pipe table, readable in a terminal and pasteable into the README. */
export interface Table {
  title: string;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
  /** Lines printed under the table: what was measured, targets, caveats. */
  notes?: readonly string[];
}

export function renderTable(table: Table): string {
  const widths = table.columns.map((column, i) =>
    Math.max(column.length, ...table.rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, i) => (cells[i] ?? '').padEnd(width)).join(' | ')} |`;
  const out = [`### ${table.title}`, '', line(table.columns), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of table.rows) out.push(line(row));
  if (table.notes?.length) out.push('', ...table.notes.map((note) => `- ${note}`));
  return `${out.join('\n')}\n`;
}
