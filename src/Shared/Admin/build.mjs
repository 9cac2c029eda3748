// Builds the Admin UI's generated assets into the folder named by the first argument (McpGateway.Shared.csproj
// embeds them with the hand-written files of ui/): the Tailwind CSS, compiled from the classes the pages use, and the
// pinned HTMX and Alpine.js (CSP build) files copied out of node_modules, so nothing is fetched from a CDN at run time.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const output = resolve(process.argv[2] ?? join(here, 'dist'));
mkdirSync(join(output, 'vendor'), { recursive: true });

execFileSync(process.execPath, [
  join(here, 'node_modules', '@tailwindcss', 'cli', 'dist', 'index.mjs'),
  '--input', join(here, 'tailwind.css'),
  '--output', join(output, 'admin.css'),
  '--minify',
], { cwd: here, stdio: 'inherit' });

copyFileSync(join(here, 'node_modules', 'htmx.org', 'dist', 'htmx.min.js'), join(output, 'vendor', 'htmx.min.js'));
copyFileSync(join(here, 'node_modules', '@alpinejs', 'csp', 'dist', 'cdn.min.js'), join(output, 'vendor', 'alpine-csp.min.js'));
