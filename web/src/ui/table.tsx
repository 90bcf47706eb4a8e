/** A column of a list table; numbers are right-aligned. */
export type Column = string | { label: string; number: true };

export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) =>
          typeof column === 'string' ? (
            <th scope="col">{column}</th>
          ) : (
            <th scope="col" class="number">
              {column.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

export const ITEMS: Column = { label: 'Items', number: true };
export const TOTAL: Column = { label: 'Total', number: true };
