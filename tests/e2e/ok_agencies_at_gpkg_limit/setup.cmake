# SPDX-License-Identifier: MIT
# 650 agencies (one case each, inside the grid): the most a GeoPackage table of localities holds
# (three columns each, under SQLite's 2,000), with --area-counts and --confidence adding theirs.
set(rows "agency,x,y\n")
foreach(i RANGE 649)
    math(EXPR x "580100 + (${i} * 37) % 2800")
    math(EXPR y "4500100 + (${i} * 53) % 2800")
    string(APPEND rows "ag${i},${x},${y}\n")
endforeach()
file(WRITE "${WORK_DIR}/agencies.csv" "${rows}")
