// Opens the database, migrates it and, on an empty database, imports the OZG catalogue and the demo.
import { countCatalog, importOzgCatalog } from './catalog/index.ts';
import type { Config } from './config.ts';
import { seedDemo } from './demo.ts';
import { type DatabaseHandle, openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';

export async function openAndPrepare(config: Config, log: (msg: string) => void): Promise<DatabaseHandle> {
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolMax: config.poolMax });
  try {
    const applied = await migrateToLatest(handle.db as never);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
    if (config.seedDemo) {
      const counts = await countCatalog(handle.db);
      if (counts.ozgLeistungen === 0) {
        const summary = await importOzgCatalog(handle.db, config.ozgDataDir);
        log(`imported OZG catalogue: ${summary.ozgLeistungen} OZG-Leistungen, ${summary.leika} LeiKa entries, ${summary.problems.length} rows skipped`);
      }
      if (counts.services === 0) {
        const demo = await seedDemo(handle.db);
        log(`seeded demo municipality Musterstadt: ${demo.services} services, ${demo.forms} online forms`);
      }
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
