#!/usr/bin/env bash
# Copies the front-end files the site serves from node_modules into static/vendor.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p static/vendor
cp node_modules/@utrecht/component-library-css/dist/index.css static/vendor/utrecht-components.css
cp node_modules/@utrecht/design-tokens/dist/theme.css static/vendor/utrecht-theme.css
cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
cp node_modules/jsqr/dist/jsQR.js static/vendor/jsQR.js
cp node_modules/sortablejs/Sortable.min.js static/vendor/Sortable.min.js
# Lucide pictograms (ISC licence, credited in README.md): the ones the templates use
# (marketplace/templatetags/pictograms.py), not all 2,000.
ICONS=(accessibility alarm-clock armchair bath battery bed-double bell biceps-flexed book-open
  brick-wall brush-cleaning calendar chef-hat chevron-right circle-check circle-small circle-x
  clipboard-list coffee compass concierge-bell dices droplets dumbbell euro eye factory flame
  flower flower-2 hammer hand hand-helping handshake hard-hat house inbox info leaf
  loader-circle log-out mail menu message-circle messages-square monitor nut package paw-print
  plug pocket-knife recycle refresh-cw ruler ruler-dimension-line scissors screw search
  settings shopping-cart shower-head siren slice smartphone smile soup sparkles spray-can
  sprout stethoscope tag target toolbox tractor triangle-alert truck user utensils wheat wine
  wrench x)
mkdir -p static/vendor/icons
for icon in "${ICONS[@]}"; do cp "node_modules/lucide-static/icons/$icon.svg" static/vendor/icons/; done
cp node_modules/lucide-static/LICENSE static/vendor/icons/LICENSE
# Noto Sans (SIL Open Font License 1.1, credited in README.md), the font the NL Design System
# theme names: the latin subset in the weights the CSS uses (400, 600, 700), as woff2.
mkdir -p static/vendor/fonts
for weight in 400 600 700; do
  cp "node_modules/@fontsource/noto-sans/files/noto-sans-latin-$weight-normal.woff2" static/vendor/fonts/
done
cp node_modules/@fontsource/noto-sans/LICENSE static/vendor/fonts/OFL.txt
echo "Front-end assets copied to static/vendor/"
