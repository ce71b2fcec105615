/** A column with no visible label (a column of buttons): screen readers still hear its name. */
type HiddenColumn = { hiddenLabel: string };

/**
 * A data table's header row in the console's table style: one column header per label. `roomy`
 * gives the headers the wider cells (px-4) of tables whose body cells use them, so both align.
 */
export function TableHead({ columns, roomy = false }: { columns: readonly (string | HiddenColumn)[]; roomy?: boolean }) {
  const padding = roomy ? "px-4 py-2" : "px-3 py-2";
  return (
    <thead className="bg-slate-50 text-xs uppercase text-slate-600">
      <tr>
        {columns.map((column) =>
          typeof column === "string" ? (
            <th key={column} scope="col" className={padding}>
              {column}
            </th>
          ) : (
            <th key={column.hiddenLabel} scope="col" className={padding}>
              <span className="sr-only">{column.hiddenLabel}</span>
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
