include(${CASE_DIR}/../share_package.cmake)
# A package whose counts.csv names an area the layer does not have (c22 renamed c99).
file(READ "${WORK_DIR}/pkg/schools/counts.csv" counts)
string(REPLACE "c22," "c99," counts "${counts}")
file(WRITE "${WORK_DIR}/pkg/schools/counts.csv" "${counts}")
