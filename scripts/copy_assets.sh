#!/usr/bin/env bash
# Copies the front-end files the site serves from node_modules into static/vendor.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p static/vendor
cp node_modules/@utrecht/component-library-css/dist/index.css static/vendor/utrecht-components.css
cp node_modules/@utrecht/design-tokens/dist/theme.css static/vendor/utrecht-theme.css
cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
cp node_modules/jsqr/dist/jsQR.js static/vendor/jsQR.js
echo "Front-end assets copied to static/vendor/"
