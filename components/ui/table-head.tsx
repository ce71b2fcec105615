/** A data table's header row in the console's table style: one column header per label. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="bg-slate-50 text-xs uppercase text-slate-600">
      <tr>
        {columns.map((label) => (
          <th key={label} scope="col" className="px-3 py-2">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
