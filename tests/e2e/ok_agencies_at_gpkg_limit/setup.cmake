# SPDX-License-Identifier: MIT
# 650 agencies: the most a GeoPackage table of localities holds, with --area-counts and --confidence
# adding their columns.
set(agency_count 650)
include(${CASE_DIR}/../many_agencies.cmake)
