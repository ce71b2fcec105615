/** An option of a filter: its value alone, or a value with the words a person reads. */
export type FilterOption = string | { value: string; label: string };

/**
 * One labelled drop-down of a GET filter form (the inventory's, the audit log's): the URL holds
 * the choice, so the select is uncontrolled. `any` adds the first option, the empty value that
 * leaves the filter off.
 */
export function FilterSelect({ label, name, value, options, any }: { label: string; name: string; value: string | undefined; options: readonly FilterOption[]; any?: string }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ""} className="block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
        {any !== undefined ? <option value="">{any}</option> : null}
        {options.map((option) => {
          const { value: optionValue, label: optionLabel } = typeof option === "string" ? { value: option, label: option } : option;
          return (
            <option key={optionValue} value={optionValue}>
              {optionLabel}
            </option>
          );
        })}
      </select>
    </label>
  );
}
