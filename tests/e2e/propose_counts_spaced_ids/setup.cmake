# Area ids with surrounding spaces (' c00 '): the package keeps them, its CSV is read back trimmed, and
# the areas must still be found. Nothing is withheld (--suppress-below 0), so the proposal from the
# package is the proposal from the points (expected/assignment.csv, made from the points).
file(READ "${SOURCE_DIR}/data/fixtures/grid3x3.geojson" grid)
string(REGEX REPLACE "\"cell_id\": *\"(c[0-9][0-9])\"" "\"cell_id\": \" \\1 \"" grid "${grid}")
file(WRITE "${WORK_DIR}/grid_spaced.geojson" "${grid}")
execute_process(COMMAND "${LOCALITY}" overlay --areas "${WORK_DIR}/grid_spaced.geojson" --area-id cell_id
        --cases "${SOURCE_DIR}/data/fixtures/points3x3.csv" --agency-field agency --cases-crs EPSG:32618
        --suppress-below 0 --output "${WORK_DIR}/partner" --share "${WORK_DIR}/pkg" --quiet
    RESULT_VARIABLE share_code ERROR_VARIABLE share_err)
if(NOT share_code EQUAL 0)
    message(FATAL_ERROR "setup: locality overlay --share exited ${share_code}: ${share_err}")
endif()
