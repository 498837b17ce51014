// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

namespace locality::output {

/**
 * The QGIS style of localities.geojson (styles/localities.qml): one colour per locality from its
 * number, outlines and number labels. Written beside the GeoJSON as `localities.qml`, the name QGIS
 * loads automatically with the layer.
 */
std::string_view localities_style_qml();

}  // namespace locality::output
