# SPDX-License-Identifier: MIT
# 651 agencies in a frontier (--frontier shape=0,1): scenarios.gpkg holds a localities layer per scenario, each with
# three columns per agency. The frontier used to solve every point, then fail writing scenarios.gpkg
# with the whole CREATE TABLE as its message.
set(agency_count 651)
include(${CASE_DIR}/../many_agencies.cmake)
