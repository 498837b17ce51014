# SPDX-License-Identifier: MIT
# 651 agencies in a sweep (--k 2..3): scenarios.gpkg holds a localities layer per scenario, each with
# three columns per agency. The sweep used to solve every scenario, then fail writing scenarios.gpkg
# with the whole CREATE TABLE as its message.
set(agency_count 651)
include(${CASE_DIR}/../many_agencies.cmake)
