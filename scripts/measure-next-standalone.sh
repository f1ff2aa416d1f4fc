#!/usr/bin/env bash
# Measures what a Next.js build leaves for a Dockerfile to copy: `.next/standalone` (the
# server with the node_modules it traces, `output: "standalone"`), `.next/static` and the
# whole `.next` folder, for a minimal App Router app (one layout, one page; no web fonts,
# which would need Google's servers at build time). Results in data/MEASURED.md
# (facts::NEXT_STANDALONE, facts::NEXT_STATIC, facts::NEXT_BUILD_DIR). Needs node, npm and
# the npm registry.
set -euo pipefail
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
cat > package.json <<'JSON'
{ "name": "app", "version": "1.0.0", "private": true, "scripts": { "build": "next build" } }
JSON
npm install --no-audit --no-fund --loglevel=error next react react-dom >/dev/null
mkdir -p app public
cat > next.config.js <<'JS'
module.exports = { output: "standalone" };
JS
cat > app/layout.js <<'JS'
export const metadata = { title: "App" };
export default function RootLayout({ children }) {
  return (<html lang="en"><body>{children}</body></html>);
}
JS
cat > app/page.js <<'JS'
export default function Page() {
  return (<main><h1>Hello</h1><p>A minimal page.</p></main>);
}
JS
NEXT_TELEMETRY_DISABLED=1 npx next build >/dev/null
echo "next $(node -p 'require("next/package.json").version')"
echo "node_modules $(du -sb node_modules | cut -f1) B"
echo ".next/standalone $(du -sb .next/standalone | cut -f1) B"
echo ".next/static $(du -sb .next/static | cut -f1) B"
echo ".next $(du -sb .next | cut -f1) B, of it .next/cache $(du -sb .next/cache 2>/dev/null | cut -f1) B"
