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
        {columns.map((column) => {
          const label = typeof column === "string" ? column : column.hiddenLabel;
          return (
            <th key={label} scope="col" className={padding}>
              {typeof column === "string" ? label : <span className="sr-only">{label}</span>}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
