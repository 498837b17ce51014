include(${CASE_DIR}/../share_package.cmake)
# A count changed by hand in a package: 0 made 7, a count the threshold (5) lets through, so no row is
# wrong on its own; only the manifest's totals, written with the counts, show the edit.
file(READ "${WORK_DIR}/pkg/police/counts.csv" counts)
string(REPLACE "c02,0" "c02,7" counts "${counts}")
file(WRITE "${WORK_DIR}/pkg/police/counts.csv" "${counts}")
