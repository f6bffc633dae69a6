#!/usr/bin/env bash
# Re-takes the console's pictures in docs/console/ for the README: runs only the browser tests that save
# documentation screenshots ([Trait("Category", "DocumentationScreenshots")]), with UPDATE_SCREENSHOTS=1 so that
# their Browser.SaveDocumentationScreenshot calls write docs/console/NAME.png. An ordinary test run writes none.
# Extra arguments go to dotnet test (e.g. --no-build).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/console
UPDATE_SCREENSHOTS=1 dotnet test tests/WestmontTextLine.Tests --filter "Category=DocumentationScreenshots" "$@"
echo "docs/console/:"
ls -l docs/console
