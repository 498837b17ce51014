# SPDX-License-Identifier: MIT
# Included by the setup.cmake of the e2e cases of the agency limit: writes ${WORK_DIR}/agencies.csv
# with ${agency_count} agencies, one case each, inside the grid (EPSG:32618). A localities layer
# holds three columns per agency, so a GeoPackage table (SQLite's 2,000 columns) holds 650.
set(rows "agency,x,y\n")
math(EXPR last "${agency_count} - 1")
foreach(i RANGE ${last})
    math(EXPR x "580100 + (${i} * 37) % 2800")
    math(EXPR y "4500100 + (${i} * 53) % 2800")
    string(APPEND rows "ag${i},${x},${y}\n")
endforeach()
file(WRITE "${WORK_DIR}/agencies.csv" "${rows}")
