# SPDX-License-Identifier: MIT
# The demo GeoPackage cut after 64 KiB: a header that promises pages the file does not hold.
execute_process(COMMAND head -c 65536 "${SOURCE_DIR}/data/demo/nyc_demo.gpkg" OUTPUT_FILE "${WORK_DIR}/areas.gpkg")
