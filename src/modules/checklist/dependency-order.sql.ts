/**
 * The order in which a task's dependencies (and the tasks it blocks) are
 * listed, wherever they are read: due date, undated last, then id.
 */
export function dependencyOrder(alias: string): string {
  return `${alias}.due_date NULLS LAST, ${alias}.id`;
}
