#!/usr/bin/env bash
# Measures the installed dependencies of typical web-app starters, the default Slimfile uses
# for `pip install -r requirements.txt` and `npm ci` when the user has not set
# "Downloaded dependencies" (facts::PIP_APP_DEPENDENCIES, facts::NPM_APP_DEPENDENCIES), and
# the npm cache each npm install leaves (facts::NPM_CACHE_PER_INSTALLED;
# results in data/MEASURED.md). Needs python3 (venv) and npm, and PyPI + the npm registry.
set -euo pipefail
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
python3 -m venv v
for app in "flask gunicorn" "fastapi uvicorn" "django gunicorn psycopg2-binary"; do
  d="pip_$(echo "$app" | tr ' ' '_')"
  ./v/bin/pip install -q --no-cache-dir --target "$d" $app
  python3 -m compileall -q "$d" >/dev/null 2>&1 || true   # pip compiles .pyc on install too
  # pip's cache keeps each downloaded wheel (its HTTP cache stores the response body).
  ./v/bin/pip download -q -d "w_$d" $app
  echo "pip  $app: $(du -sb "$d" | cut -f1) B, wheels $(du -cb "w_$d"/* | tail -1 | cut -f1) B"
done
for app in "express" "@nestjs/core @nestjs/common @nestjs/platform-express reflect-metadata rxjs" "next react react-dom"; do
  d="npm_$RANDOM"; mkdir "$d"
  (cd "$d" && echo '{"name":"x","version":"1.0.0"}' > package.json &&
   npm install --omit=dev --no-audit --no-fund --loglevel=error --cache "$PWD/cache" $app >/dev/null &&
   echo "npm  $app: $(du -sb node_modules | cut -f1) B, npm cache $(du -sb cache | cut -f1) B")
done
# yarn 1 and pnpm on the two smaller starters: yarn's cache (unpacked copies) and what
# pnpm's store adds beyond node_modules, whose files are hard links into it (du counts once).
for app in "express" "@nestjs/core @nestjs/common @nestjs/platform-express reflect-metadata rxjs"; do
  d="yarn_$RANDOM"; mkdir "$d"
  (cd "$d" && echo '{"name":"x","version":"1.0.0"}' > package.json &&
   npx -y yarn@1 add --production --ignore-engines --non-interactive --cache-folder "$PWD/cache" $app >/dev/null 2>&1 &&
   echo "yarn $app: $(du -sb node_modules | cut -f1) B, yarn cache $(du -sb cache | cut -f1) B")
  d="pnpm_$RANDOM"; mkdir "$d"
  (cd "$d" && echo '{"name":"x","version":"1.0.0"}' > package.json &&
   npx -y pnpm@9 add --prod --store-dir "$PWD/store" $app >/dev/null 2>&1 &&
   echo "pnpm $app: $(du -sb node_modules | cut -f1) B, with its store $(du -sbc node_modules store | tail -1 | cut -f1) B")
done
# With the devDependencies each starter's generator writes (express-generator: none):
# `nest new` and create-next-app (TypeScript, ESLint, Tailwind), and the npm cache each leaves.
dev_nest="@nestjs/cli @nestjs/schematics @nestjs/testing @types/express @types/jest @types/node @types/supertest eslint eslint-config-prettier eslint-plugin-prettier jest prettier source-map-support supertest ts-jest ts-loader ts-node tsconfig-paths typescript typescript-eslint @eslint/js globals"
dev_next="typescript @types/node @types/react @types/react-dom eslint eslint-config-next tailwindcss @tailwindcss/postcss"
for pair in "@nestjs/core @nestjs/common @nestjs/platform-express reflect-metadata rxjs|$dev_nest" "next react react-dom|$dev_next"; do
  app="${pair%%|*}"; dev="${pair#*|}"
  d="npmdev_$RANDOM"; mkdir "$d"
  (cd "$d" && echo '{"name":"x","version":"1.0.0"}' > package.json &&
   npm install --no-audit --no-fund --loglevel=error --cache "$PWD/cache" $app >/dev/null &&
   npm install --no-audit --no-fund --loglevel=error --cache "$PWD/cache" --save-dev $dev >/dev/null &&
   echo "npm  $app + devDependencies: $(du -sb node_modules | cut -f1) B, npm cache $(du -sb cache | cut -f1) B")
done
# yarn 1 on the same package.json files (dependencies and devDependencies, "latest" of each):
# its cache keeps every package of the lock file, devDependencies too under --production, and
# every platform's build of the native packages (TypeScript 7's are counted apart).
for pair in "@nestjs/core @nestjs/common @nestjs/platform-express reflect-metadata rxjs|$dev_nest" "next react react-dom|$dev_next"; do
  app="${pair%%|*}"; dev="${pair#*|}"
  for flag in "" "--production"; do
    d="yarndev_$RANDOM"; mkdir "$d"
    (cd "$d" && python3 -c 'import json,sys; print(json.dumps({"name": "x", "version": "1.0.0",
       "dependencies": {p: "latest" for p in sys.argv[1].split()},
       "devDependencies": {p: "latest" for p in sys.argv[2].split()}}))' "$app" "$dev" > package.json &&
     npx -y yarn@1 install $flag --ignore-engines --non-interactive --cache-folder "$PWD/cache" >/dev/null 2>&1 &&
     echo "yarn $app + devDependencies ${flag:-(all)}: $(du -sb node_modules | cut -f1) B, yarn cache $(du -sb cache | cut -f1) B, of it TypeScript 7's platform builds $(du -cb cache/v6/npm-@typescript-typescript-* 2>/dev/null | tail -1 | cut -f1) B")
  done
done
# Yarn 4 (Berry), the global cache, node_modules linker: this platform's packages, one zip each.
for pair in "express|" "@nestjs/core @nestjs/common @nestjs/platform-express reflect-metadata rxjs|$dev_nest" "next react react-dom|$dev_next"; do
  app="${pair%%|*}"; dev="${pair#*|}"
  d="berry_$RANDOM"; mkdir "$d"
  (cd "$d" && python3 -c 'import json,sys; print(json.dumps({"name": "x", "version": "1.0.0",
     "dependencies": {p: "latest" for p in sys.argv[1].split()},
     "devDependencies": {p: "latest" for p in sys.argv[2].split()}}))' "$app" "$dev" > package.json &&
   printf 'nodeLinker: node-modules\nenableGlobalCache: true\nglobalFolder: %s/gf\nenableTelemetry: false\n' "$PWD" > .yarnrc.yml &&
   touch yarn.lock && npx -y @yarnpkg/cli-dist@4 install >/dev/null 2>&1 &&
   echo "yarn 4 $app + devDependencies: $(du -sb node_modules | cut -f1) B, cache $(du -sb gf | cut -f1) B")
done
