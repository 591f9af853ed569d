#!/usr/bin/env bash
# Redraws attune-256.png from the same shapes as attune.svg with ImageMagick's
# own drawing commands (Debian's ImageMagick has no SVG reader without
# librsvg). Run it after changing attune.svg.
set -euo pipefail
cd "$(dirname "$0")"
wave=$(python3 -c "
import math
pts = [(108 + i, 128 - 11 * math.sin(2 * math.pi * i / 40)) for i in range(0, 41, 2)]
print(' '.join(f'line {a[0]},{a[1]:.1f} {b[0]},{b[1]:.1f}' for a, b in zip(pts, pts[1:])))")
convert -size 256x256 xc:none \
  -fill '#2f5d62' -draw 'roundrectangle 8,8 247,247 52,52' \
  -fill '#f2a07bEB' -draw 'circle 100,128 162,128' \
  -fill '#f6d68aCC' -draw 'circle 156,128 218,128' \
  -fill '#fbeee0' -draw "path 'M 128 76 A 62 62 0 0 1 128 180 A 62 62 0 0 1 128 76 Z'" \
  -stroke '#2f5d62' -strokewidth 5 -draw "stroke-linecap round $wave" \
  -strip -depth 8 -define png:color-type=6 attune-256.png
