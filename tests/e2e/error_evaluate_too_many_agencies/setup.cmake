# SPDX-License-Identifier: MIT
# 651 agencies given to evaluate: its localities.gpkg has the same three columns per agency as
# propose's. It used to score the localities, then fail writing the layer with the whole CREATE TABLE
# as its message.
set(agency_count 651)
include(${CASE_DIR}/../many_agencies.cmake)
