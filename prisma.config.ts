// Prisma CLI configuration. patchlens applies its migrations itself
// (services/db/adapters/migrate.ts); the CLI is used for `prisma generate`
// and, where a schema engine exists, `prisma migrate diff`.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/patchlens' },
});
