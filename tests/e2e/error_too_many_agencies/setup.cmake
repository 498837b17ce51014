# SPDX-License-Identifier: MIT
# 651 agencies: one more than a GeoPackage table of localities can hold as columns. The run used to
# search, then fail writing the layer with the whole CREATE TABLE as its message.
set(agency_count 651)
include(${CASE_DIR}/../many_agencies.cmake)
