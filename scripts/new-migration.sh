#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL from the schema at a git ref
# (default HEAD) to prisma/schema.prisma as it is now. Offline, and without a shadow database
# (which `prisma migrate dev` would need and the pg adapter cannot give it).
# Usage: scripts/new-migration.sh NAME [GIT_REF]
set -euo pipefail
name=${1:?usage: scripts/new-migration.sh NAME [GIT_REF]}
ref=${2:-HEAD}
cd "$(dirname "$0")/.."
before=$(mktemp --suffix=.prisma)
trap 'rm -f "$before"' EXIT
git show "$ref:prisma/schema.prisma" > "$before"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
npx prisma migrate diff --from-schema-datamodel "$before" --to-schema-datamodel prisma/schema.prisma --script 2>/dev/null \
  | grep -v '^Loaded Prisma config' > "$dir/migration.sql"
echo "wrote $dir/migration.sql:"
cat "$dir/migration.sql"
