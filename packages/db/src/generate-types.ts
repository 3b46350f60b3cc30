/**
 * Rewrites `src/schema.ts` from the migrations: `npm run -w @vigil/db generate`.
 * Migrates an in-memory PGlite and reads its catalog (see `codegen.ts`).
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateDatabaseTypes } from './codegen.ts';
import { createDatabase } from './database.ts';
import { migrate } from './migrate.ts';

const db = await createDatabase();
try {
  await migrate(db);
  const target = fileURLToPath(new URL('./schema.ts', import.meta.url));
  await writeFile(target, await generateDatabaseTypes(db));
  console.log(`wrote ${target}`);
} finally {
  await db.destroy();
}
