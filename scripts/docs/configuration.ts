// `pnpm docs:config`: rewrites docs/configuration.md from the service's config schema.
import { writeFileSync } from 'node:fs';
import { configurationDoc } from './configuration-doc.ts';

writeFileSync(new URL('../../docs/configuration.md', import.meta.url), configurationDoc());
