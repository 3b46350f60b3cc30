/** Engines served by the RDS API that belong to other services (DocumentDB, Neptune) and have their own collectors. */
export function isOtherServiceEngine(engine: string | undefined): boolean {
  return engine === 'docdb' || engine === 'neptune';
}


export const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);
