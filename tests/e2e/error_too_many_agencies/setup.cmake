# SPDX-License-Identifier: MIT
# 651 agencies (one case each, inside the grid): one more than a GeoPackage table of localities can
# hold as columns (three each under SQLite's 2,000). The run used to search, then fail writing the
# layer with the whole CREATE TABLE as its message.
set(rows "agency,x,y\n")
foreach(i RANGE 650)
    math(EXPR x "580100 + (${i} * 37) % 2800")
    math(EXPR y "4500100 + (${i} * 53) % 2800")
    string(APPEND rows "ag${i},${x},${y}\n")
endforeach()
file(WRITE "${WORK_DIR}/agencies.csv" "${rows}")
