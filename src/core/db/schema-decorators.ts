import { JoinColumn, ManyToOne } from 'typeorm';

export interface ForeignKeyOptions {
  /** The constraint's name in the migrations, e.g. `tasks_launch_id_fkey`. */
  name: string;
  /** Column of this table → property of the referenced entity, in the constraint's order. */
  columns: Record<string, string>;
  onDelete?: 'CASCADE' | 'NO ACTION';
}

/**
 * Declares a foreign key that a migration created, so that TypeORM's schema
 * diff (`migration:generate`) knows it and drafts nothing. The target is named,
 * not imported, so entities of one module never import another module's files;
 * the decorated property is a marker that is never loaded or written.
 */
export function ForeignKey(target: string, options: ForeignKeyOptions): PropertyDecorator {
  const joinColumns = Object.entries(options.columns).map(([name, referencedColumnName], i) => ({
    name,
    referencedColumnName,
    ...(i === 0 ? { foreignKeyConstraintName: options.name } : {}),
  }));
  return (prototype, property) => {
    ManyToOne(target, { onDelete: options.onDelete ?? 'NO ACTION' })(prototype, property);
    JoinColumn(joinColumns)(prototype, property);
  };
}

/** `column IN ('A','B')` for a CHECK from a TypeScript string enum, so the two lists never differ. */
export function sqlIn(column: string, values: Record<string, string>): string {
  return `${column} IN (${Object.values(values)
    .map((value) => `'${value}'`)
    .join(',')})`;
}
