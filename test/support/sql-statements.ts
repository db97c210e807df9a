import type { Sql } from "../../src/db/sql";

/** The statements run through `sql` (on either of its pools), in order, until `restore`. */
export function watchStatements(sql: Sql): { statements: { name: string; text: string }[]; restore: () => void } {
  const statements: { name: string; text: string }[] = [];
  const { rows, byKey } = sql;
  const watched =
    (run: Sql["rows"]): Sql["rows"] =>
    <T>(name: string, text: string, values?: readonly unknown[]) => {
      statements.push({ name, text });
      return run.call<Sql, [string, string, (readonly unknown[])?], Promise<T[]>>(sql, name, text, values);
    };
  sql.rows = watched(rows);
  sql.byKey = watched(byKey);
  return {
    statements,
    restore: () => {
      sql.rows = rows;
      sql.byKey = byKey;
    },
  };
}
