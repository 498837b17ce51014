include(${CASE_DIR}/../share_package.cmake)
# A manifest edited to say nothing is withheld (suppress_below 1) over counts that withhold three:
# the interval [1, 0] of a withheld count is empty, so the empty cells cannot be read as counts.
file(READ "${WORK_DIR}/pkg/police/manifest.json" manifest)
string(REPLACE "\"suppress_below\": 5" "\"suppress_below\": 1" manifest "${manifest}")
file(WRITE "${WORK_DIR}/pkg/police/manifest.json" "${manifest}")
